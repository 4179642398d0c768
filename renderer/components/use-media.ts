import { useSyncExternalStore } from 'react';

/** Whether a CSS media query matches now; re-renders when it changes (window resize, zoom). */
export function useMedia(query: string): boolean {
  return useSyncExternalStore(
    (notify) => {
      const m = window.matchMedia(query);
      m.addEventListener('change', notify);
      return () => m.removeEventListener('change', notify);
    },
    () => window.matchMedia(query).matches,
  );
}
