import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';

import { ApiError } from './api';
import { App } from './App';
import { i18n } from './i18n';
import { Router } from './router';
import './styles.css';

/**
 * A session that ended (expired, signed out in another tab) or whose CSRF token changed is read again: the person
 * lands on the sign-in page, or carries on with the new token, instead of reading a raw refusal.
 */
const sessionEnded = (e: unknown) =>
  e instanceof ApiError && (e.status === 401 || e.code === 'CSRF_FAILED')
    ? void queries.invalidateQueries({ queryKey: ['session'] })
    : undefined;
const queries: QueryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true, staleTime: 5_000 } },
  queryCache: new QueryCache({ onError: sessionEnded }),
  mutationCache: new MutationCache({ onError: sessionEnded }),
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queries}>
        <Router>
          <App />
        </Router>
      </QueryClientProvider>
    </I18nextProvider>
  </StrictMode>,
);
