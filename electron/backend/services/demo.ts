// The built-in demo session: resources/demo/demo-session.pdbundle, imported like any other bundle.
import path from 'node:path';
import { DEMO_SESSION_ID } from '../demo/demo-session';
import { getPref, setPref } from '../db/queries/prefs';
import { getSession } from '../db/queries/sessions';
import type { Ctx } from '../context';
import { importSessionBundle } from './import-session';

export const DEMO_BUNDLE = path.join('demo', 'demo-session.pdbundle');

export async function openDemo(ctx: Ctx): Promise<{ sessionId: string }> {
  const known = getPref(ctx.db, 'demoSessionId');
  if (known && getSession(ctx.db, known)) return { sessionId: known };
  // Imported, but the pref below never written (the backend was killed in between, or the demo bundle
  // came in through the import button): open that session instead of refusing a second import of it.
  if (getSession(ctx.db, DEMO_SESSION_ID)) {
    setPref(ctx.db, 'demoSessionId', DEMO_SESSION_ID);
    return { sessionId: DEMO_SESSION_ID };
  }
  const report = await importSessionBundle(ctx, path.join(ctx.resourcesDir, DEMO_BUNDLE));
  setPref(ctx.db, 'demoSessionId', report.sessionId);
  return { sessionId: report.sessionId };
}
