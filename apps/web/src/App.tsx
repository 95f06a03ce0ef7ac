import { useQueryClient } from '@tanstack/react-query';
import { Fragment, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { post } from './api';
import { LANGUAGES, setLanguage, storedLanguage, type Language } from './i18n';
import { AuditLogPage } from './pages/AuditLogPage';
import { AuditPage } from './pages/AuditPage';
import { DashboardPage } from './pages/DashboardPage';
import { DecisionsPage } from './pages/DecisionsPage';
import { InboxPage } from './pages/InboxPage';
import { MeetingPage, MeetingsPage } from './pages/MeetingsPage';
import { MembersPage } from './pages/MembersPage';
import { PartnersPage } from './pages/PartnersPage';
import { SignInPage } from './pages/SignInPage';
import { DRAFT_PREFIX, TaskPage } from './pages/TaskPage';
import { TimelinePage } from './pages/TimelinePage';
import { TwgPage, TwgsPage } from './pages/TwgsPage';
import { href, Link, match, useRoute } from './router';
import { actingRole, useSession, type SessionNetwork } from './session';
import { LanguageSelect } from './components/LanguageSelect';

/** The page of each address, and what every page shares: the network, the reader's language, the time zone. */
export interface PageProps {
  readonly here: SessionNetwork;
  readonly language: Language;
}

const PAGES: readonly [string, (p: PageProps & { params: Record<string, string> }) => ReactNode][] = [
  ['/:network/inbox', (p) => <InboxPage {...p} />],
  ['/:network/tasks/:id', (p) => <TaskPage {...p} id={p.params.id} />],
  ['/:network/dashboard', (p) => <DashboardPage {...p} />],
  ['/:network/meetings', (p) => <MeetingsPage {...p} />],
  ['/:network/decisions', (p) => <DecisionsPage {...p} />],
  ['/:network/meetings/:id', (p) => <MeetingPage {...p} id={p.params.id} />],
  ['/:network/twgs', (p) => <TwgsPage {...p} />],
  ['/:network/twgs/:code', (p) => <TwgPage {...p} code={p.params.code} />],
  ['/:network/members', (p) => <MembersPage {...p} />],
  ['/:network/partners', (p) => <PartnersPage {...p} />],
  ['/:network/audit', (p) => <AuditPage {...p} />],
  ['/:network/audit-log', (p) => <AuditLogPage {...p} />],
  ['/:network/audit/:workflowId', (p) => <TimelinePage {...p} workflowId={p.params.workflowId} />],
];

export function App() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const { path, navigate } = useRoute();
  const language = i18n.language as Language;

  // A first visit reads in the person's own language; a choice made in this browser is kept.
  const first = session.data?.networks[0];
  useEffect(() => {
    if (first && !storedLanguage() && (LANGUAGES as readonly string[]).includes(first.language))
      setLanguage(first.language as Language);
  }, [first]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  if (session.isPending) return <p className="loading">{t('common.loading')}</p>;
  if (session.isError) return <p role="alert">{t('common.unavailable')}</p>;
  if (!session.data) return <SignInPage language={language} />;
  const networks = session.data.networks;
  if (networks.length === 0) return <NoNetwork email={session.data.email} />;
  const code = path.split('/').filter(Boolean)[0];
  const here = networks.find((n) => n.network === code);
  if (!here) {
    const home = networks[0];
    // Replaced, not pushed: Back must not land on an address that sends the browser forward again.
    if (home) queueMicrotask(() => navigate(href(home.network, homePage(home)), { replace: true }));
    return <p className="loading">{t('common.loading')}</p>;
  }
  const page = PAGES.map(([pattern, render]) => [match(pattern, path), render] as const).find(([m]) => m);
  return (
    <Shell here={here} networks={networks} language={language} email={session.data.email}>
      {/* Keyed by address: another task (or network) is another page, with none of the last one's state. */}
      {page ? (
        <Fragment key={`${here.network}${path}`}>{page[1]({ here, language, params: page[0]! })}</Fragment>
      ) : (
        <p role="alert">{t('common.notFound')}</p>
      )}
    </Shell>
  );
}

/** Signed in, but a member of no network now (deactivated, or every network left): say so, and offer the way out. */
function NoNetwork({ email }: { email: string }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  return (
    <main id="main" className="signin">
      <h1>mignet</h1>
      <p role="alert">{t('common.noNetwork', { email })}</p>
      <button type="button" className="primary" onClick={() => void signOut()}>
        {t('nav.signOut')}
      </button>
    </main>
  );
}

/** Signs out: the session ends, and no unsent draft stays on the device. */
function useSignOut() {
  const queries = useQueryClient();
  const { navigate } = useRoute();
  return async () => {
    await post('/session/sign-out');
    for (const k of Object.keys(localStorage)) if (k.startsWith(DRAFT_PREFIX)) localStorage.removeItem(k);
    await queries.invalidateQueries({ queryKey: ['session'] });
    navigate('/app/');
  };
}

/**
 * After an in-page navigation, the focus moves to the new page's content (a screen reader announces it, a keyboard
 * user starts there), and the window's title names the page by its heading, as a page load would.
 */
function usePageTitleAndFocus(path: string) {
  const first = useRef(true);
  useEffect(() => {
    const main = document.getElementById('main');
    if (!main) return;
    if (first.current) first.current = false;
    else main.focus({ preventScroll: true });
    const name = () => {
      const h1 = main.querySelector('h1')?.textContent?.trim();
      document.title = h1 ? `${h1} · mignet` : 'mignet';
    };
    name();
    const watch = new MutationObserver(name); // the heading comes with the page's data
    watch.observe(main, { childList: true, subtree: true, characterData: true });
    return () => watch.disconnect();
  }, [path]);
}

function homePage(n: SessionNetwork): string {
  const role = actingRole(n.role);
  return role === 'coordinator' ? 'dashboard' : role === 'auditor' ? 'audit' : 'inbox';
}

function Shell(props: {
  here: SessionNetwork;
  networks: readonly SessionNetwork[];
  language: Language;
  email: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { navigate, path } = useRoute();
  const role = actingRole(props.here.role);
  const n = props.here.network;
  const nav: [string, string][] = [
    ['inbox', t('nav.inbox')],
    ...(role === 'coordinator' || role === 'observer'
      ? ([['dashboard', t('nav.dashboard')]] as [string, string][])
      : []),
    ['meetings', t('nav.meetings')],
    ['decisions', t('nav.decisions')],
    ['twgs', t('nav.twgs')],
    ['members', t('nav.members')],
    ['partners', t('nav.partners')],
    ...(role === 'coordinator' || role === 'auditor' ? ([['audit', t('nav.audit')]] as [string, string][]) : []),
  ];
  const signOut = useSignOut();
  usePageTitleAndFocus(path);
  return (
    <>
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="top">
        <span className="brand">mignet</span>
        <label className="switch">
          <span className="visually-hidden">{t('nav.network')}</span>
          <select
            value={n}
            onChange={(e) => {
              const next = props.networks.find((x) => x.network === e.target.value)!;
              navigate(href(next.network, homePage(next)));
            }}
          >
            {props.networks.map((x) => (
              <option key={x.network} value={x.network}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <LanguageSelect language={props.language} hideLabel />
        <span className="who">
          {props.here.person}
          {props.here.agency ? ` · ${props.here.agency}` : ''} · {t(`role.${props.here.role}`)}
        </span>
        <button type="button" className="link" onClick={() => void signOut()}>
          {t('nav.signOut')}
        </button>
      </header>
      <nav className="tabs" aria-label={t('nav.pages')}>
        {nav.map(([page, label]) => (
          <Link key={page} to={href(n, page)} className={path.startsWith(`/${n}/${page}`) ? 'current' : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
