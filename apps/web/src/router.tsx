import { createContext, useContext, useEffect, useState, type ReactNode, type MouseEvent } from 'react';

/**
 * The pages' addresses, under /app/: `/app/{network}/{page}/{id?}`. A small router on the History API: links are real
 * anchors (a new tab, a bookmark and a mail's link work), clicks are handled in place.
 */
export const BASE = '/app';

interface Route {
  readonly path: string;
  readonly search: URLSearchParams;
  /** `replace`: instead of the current entry of the history (a redirect), not after it. */
  navigate(to: string, options?: { replace?: boolean }): void;
}

const RouteContext = createContext<Route | null>(null);

export function Router({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(() => window.location.pathname + window.location.search);
  useEffect(() => {
    const onPop = () => setLocation(window.location.pathname + window.location.search);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const url = new URL(location, window.location.origin);
  const route: Route = {
    path: url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) || '/' : url.pathname,
    search: url.searchParams,
    navigate(to, options) {
      if (options?.replace) window.history.replaceState(null, '', to);
      else window.history.pushState(null, '', to);
      setLocation(to);
      window.scrollTo(0, 0);
    },
  };
  return <RouteContext.Provider value={route}>{children}</RouteContext.Provider>;
}

export function useRoute(): Route {
  const r = useContext(RouteContext);
  if (!r) throw new Error('useRoute outside a Router');
  return r;
}

/** Matches `/tl/tasks/…` against `/:network/tasks/:id`; undefined when it does not match. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) {
      // A hand-typed address with a stray % is no page, not a crash.
      try {
        params[p[i].slice(1)] = decodeURIComponent(s[i]);
      } catch {
        return undefined;
      }
    } else if (p[i] !== s[i]) return undefined;
  }
  return params;
}

/** An anchor to a page of the application, followed without reloading it. */
export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  const { navigate } = useRoute();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} className={className}>
      {children}
    </a>
  );
}

export const href = (...parts: string[]) => `${BASE}/${parts.map(encodeURIComponent).join('/')}`;
