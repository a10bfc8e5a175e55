/** A tiny router on the History API: pure matching plus a location store. */

export type RouteParams = Readonly<Record<string, string>>;

/** Matches `/flows/:id` against `/flows/abc` → `{ id: 'abc' }`; undefined when it does not match. */
export function matchPath(pattern: string, pathname: string): RouteParams | undefined {
  const want = split(pattern);
  const have = split(pathname);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const part = want[i] ?? '';
    const value = have[i] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return undefined;
  }
  return params;
}

/** The first route whose pattern matches, with its params. */
export function matchRoute<R extends { path: string }>(routes: ReadonlyArray<R>, pathname: string): { route: R; params: RouteParams } | undefined {
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return undefined;
}

function split(path: string): string[] {
  return path.split('?')[0]?.split('/').filter(Boolean) ?? [];
}

type Listener = () => void;
const listeners = new Set<Listener>();

/** Goes to a path inside the app without reloading. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentPath()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  notify();
}

/** Path plus query of the current location. */
export function currentPath(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/** For useSyncExternalStore: calls back on navigation and on back/forward. */
export function subscribeLocation(listener: Listener): () => void {
  listeners.add(listener);
  if (listeners.size === 1) window.addEventListener('popstate', notify);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', notify);
  };
}

function notify(): void {
  for (const listener of [...listeners]) listener();
}
