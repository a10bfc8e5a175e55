import { useSyncExternalStore } from 'react';
import { currentPath, subscribeLocation } from './router';

/** The current path and query; re-renders on navigation. */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const path = useSyncExternalStore(subscribeLocation, currentPath, currentPath);
  const [pathname = '/', query = ''] = path.split('?');
  return { pathname, search: new URLSearchParams(query) };
}
