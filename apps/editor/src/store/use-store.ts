import { useSyncExternalStore } from 'react';
import type { Store } from './create-store';

/** Reads a slice of a store; re-renders only when that slice changes (by identity). */
export function useStore<S, T>(store: Store<S>, select: (state: S) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.get()), () => select(store.get()));
}
