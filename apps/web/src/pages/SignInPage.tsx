import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { get } from '../api';
import type { Language } from '../i18n';
import { LanguageSelect } from '../components/LanguageSelect';

/** Nobody is signed in: how to, here (the deployment's OpenID provider, or a link from the coordinator). */
export function SignInPage({ language }: { language: Language }) {
  const { t } = useTranslation();
  const methods = useQuery({
    queryKey: ['sign-in-methods'],
    queryFn: () => get<{ oidc: boolean; links: boolean }>('/session/methods'),
  });
  const back = `${window.location.pathname}${window.location.search}`;
  return (
    <main id="main" className="sign-in">
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      {methods.data?.oidc && (
        <p>
          <a className="button primary" href={`/session/oidc?return=${encodeURIComponent(back)}`}>
            {t('signIn.oidc')}
          </a>
        </p>
      )}
      {methods.data?.links && <p>{t('signIn.links')}</p>}
      {methods.data && !methods.data.oidc && !methods.data.links && <p role="alert">{t('signIn.none')}</p>}
      <LanguageSelect language={language} />
    </main>
  );
}
