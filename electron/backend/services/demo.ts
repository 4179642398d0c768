// The built-in demo sessions: resources/demo/*.pdbundle, imported like any other bundle.
// The compliant demo (25 members) is the default; the small rule-breach demo trains the committee warnings.
import path from 'node:path';
import { BREACH_DEMO_SESSION_ID, DEMO_SESSION_ID } from '../demo/demo-session';
import { getPref, setPref } from '../db/queries/prefs';
import { getSession } from '../db/queries/sessions';
import type { Ctx } from '../context';
import { importSessionBundle } from './import-session';

export const DEMO_BUNDLE = path.join('demo', 'demo-session.pdbundle');
export const BREACH_DEMO_BUNDLE = path.join('demo', 'breach-session.pdbundle');

export async function openDemo(ctx: Ctx, variant?: 'breach'): Promise<{ sessionId: string }> {
  const pref = variant === 'breach' ? 'breachDemoSessionId' : 'demoSessionId';
  const known = getPref(ctx.db, pref);
  if (known && getSession(ctx.db, known)) return { sessionId: known };
  // Imported, but the pref below never written (the backend was killed in between, or the demo bundle
  // came in through the import button): open that session instead of refusing a second import of it.
  const id = variant === 'breach' ? BREACH_DEMO_SESSION_ID : DEMO_SESSION_ID;
  if (getSession(ctx.db, id)) {
    setPref(ctx.db, pref, id);
    return { sessionId: id };
  }
  const report = await importSessionBundle(ctx, path.join(ctx.resourcesDir, variant === 'breach' ? BREACH_DEMO_BUNDLE : DEMO_BUNDLE));
  setPref(ctx.db, pref, report.sessionId);
  return { sessionId: report.sessionId };
}
