// Turning the coded errors the checks throw into report failures: a path (entry, then a JSON pointer when
// the problem is inside a document) and plain details.
import { AppError } from '../errors';
import type { VerifyFailure } from './report';

/** `3.attachments.0.sha256` → `#/3/attachments/0/sha256` (RFC 6901, `~` and `/` escaped). */
export function pointerOf(dotPath: string): string {
  if (dotPath === '') return '';
  return `#/${dotPath.split('.').map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

export function failureOf(err: unknown, fallbackPath = ''): VerifyFailure {
  if (!(err instanceof AppError)) return { code: 'INTERNAL', path: fallbackPath, details: { reason: err instanceof Error ? err.message : String(err) } };
  const d = err.details ?? {};
  const entry = typeof d.entry === 'string' ? d.entry : fallbackPath;
  const path = typeof d.path === 'string' && entry !== '' ? `${entry}${pointerOf(d.path)}` : entry;
  const details: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(d)) if (k !== 'entry' && k !== 'path' && v !== undefined) details[k] = v;
  return Object.keys(details).length ? { code: err.code, path, details } : { code: err.code, path };
}
