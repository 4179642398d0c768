import { useEffect } from 'react';
import { onIdleLocked } from '../api/client';
import { useStore } from '../store';

const ACTIVITY = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/**
 * The idle lock as the user sees it: any key, click or scroll tells the backend (throttled) and restarts
 * the local timer; when it runs out the desk locks. The backend enforces the same timeout on its own.
 */
export function useIdleLock(): void {
  const role = useStore((s) => s.principal.role);
  const minutes = useStore((s) => s.principal.idleLockMinutes);
  const keepAlive = useStore((s) => s.keepAlive);
  const idleLock = useStore((s) => s.idleLock);
  useEffect(() => {
    onIdleLocked(() => void idleLock());
    return () => onIdleLocked(null);
  }, [idleLock]);
  useEffect(() => {
    if (role === 'locked') return;
    let timer = setTimeout(() => void idleLock(), minutes * 60_000);
    const active = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void idleLock(), minutes * 60_000);
      void keepAlive();
    };
    for (const e of ACTIVITY) window.addEventListener(e, active, { passive: true, capture: true });
    return () => {
      clearTimeout(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, active, { capture: true });
    };
  }, [role, minutes, keepAlive, idleLock]);
}
