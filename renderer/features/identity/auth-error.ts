// Auth errors as the user reads them at the passphrase field: whose passphrase, tries left, seconds to wait.
import { useEffect, useState } from 'react';
import type { AppErrorShape, ErrorDetails } from '../../../shared/errors';

/** Seconds left until `until` (ms since epoch), ticking once a second; 0 when past or null. */
export function useCountdown(until: number | null): number {
  const left = () => (until === null ? 0 : Math.max(0, Math.ceil((until - Date.now()) / 1000)));
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    setSeconds(left());
    if (until === null) return;
    const id = setInterval(() => {
      const s = left();
      setSeconds(s);
      if (s === 0) clearInterval(id);
    }, 1000);
    return () => clearInterval(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `left` reads only `until`
  }, [until]);
  return seconds;
}

/** When a rate-limited sign-in may be tried again (ms since epoch), or null. */
export function retryAt(error: AppErrorShape | null): number | null {
  if (error?.code !== 'AUTH_RATE_LIMITED') return null;
  const s = Number(error.details?.retryAfterSeconds ?? 0);
  return Number.isFinite(s) && s > 0 ? Date.now() + s * 1000 : null;
}

/** The error with the expert's name and the live wait filled in, whatever the backend sent. */
export function authErrorFor(error: AppErrorShape, expertName: string, waitSeconds: number): AppErrorShape {
  const details: ErrorDetails = { expertName, ...error.details };
  if (error.code === 'AUTH_RATE_LIMITED') details.retryAfterSeconds = waitSeconds;
  return { ...error, details };
}
