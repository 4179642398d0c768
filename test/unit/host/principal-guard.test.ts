// "The role can change during a slow call: check the role again at commit." An import whose secretary is
// replaced while it reads (someone signs in at the desk) writes nothing and says why.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { Ctx } from '../../../electron/backend/context';
import { openDatabase } from '../../../electron/backend/db/connection';
import { importSessionBundle } from '../../../electron/backend/services/import-session';
import { importExcel } from '../../../electron/backend/services/excel';
import { rosterRow, ROSTER_HEADERS, writeSheet } from '../excel/helpers';
import { becomePrincipal } from '../../../electron/backend/services/principal';
import { RESOURCES } from '../../fixtures/demo-host';
import { tmpDir } from '../../fixtures/tmp';

function ctxOn(dataDir: string): Ctx {
  return {
    db: openDatabase(dataDir),
    dataDir,
    resourcesDir: RESOURCES,
    caller: { role: 'secretary' },
    callerEpoch: 0,
    lastActivity: 0,
    enrolment: null,
    scryptLogN: 10,
    onPrincipalChange: [],
  };
}

describe('a slow call checks the principal again before it writes', () => {
  it('an import whose secretary is replaced mid-read is refused with AUTH_PRINCIPAL_CHANGED and writes nothing', async () => {
    const dataDir = tmpDir('pd-guard-');
    const ctx = ctxOn(dataDir);
    let switched = false;
    const run = importSessionBundle(ctx, path.join(RESOURCES, 'demo', 'demo-session.pdbundle'), {
      onProgress: () => {
        if (switched) return;
        switched = true;
        // Someone signs in at the desk while the bundle is being read.
        becomePrincipal(ctx, 'expert', { sessionId: 'S', expertId: 'E' });
      },
    });
    const err = await run.then(
      () => null,
      (e: unknown) => e,
    );
    expect(switched).toBe(true);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('AUTH_PRINCIPAL_CHANGED');
    expect(ctx.db.prepare('SELECT count(*) AS n FROM session').get()).toEqual({ n: 0 });
    expect(ctx.db.prepare('SELECT count(*) AS n FROM blob').get()).toEqual({ n: 0 });
    const blobs = path.join(dataDir, 'blobs', 'sha256');
    expect(fs.existsSync(blobs) ? fs.readdirSync(blobs, { recursive: true }).filter((f) => String(f).length > 60) : []).toEqual([]);
    ctx.db.close();
  });

  it('the same import with the same secretary throughout succeeds', async () => {
    const ctx = ctxOn(tmpDir('pd-guard2-'));
    const report = await importSessionBundle(ctx, path.join(RESOURCES, 'demo', 'demo-session.pdbundle'), { onProgress: () => undefined });
    expect(report.dossiers).toBeGreaterThan(0);
    ctx.db.close();
  });
});

describe('the same re-check in the other slow writes', () => {
  it('an Excel roster import whose secretary is replaced before it writes is refused and adds nobody', async () => {
    const dataDir = tmpDir('pd-guard-xl-');
    const ctx = ctxOn(dataDir);
    await importSessionBundle(ctx, path.join(RESOURCES, 'demo', 'demo-session.pdbundle'));
    const sessionId = (ctx.db.prepare('SELECT id FROM session').get() as { id: string }).id;
    const group = ctx.db.prepare('SELECT name FROM review_group WHERE session_id = ? LIMIT 1').get(sessionId) as { name: string };
    const file = path.join(dataDir, 'roster.xlsx');
    await writeSheet(file, [[...ROSTER_HEADERS], rosterRow(1, { 评议组: group.name, 专家编号: 'X901' })]);
    const before = ctx.db.prepare('SELECT count(*) AS n FROM expert').get();
    const run = importExcel(ctx, { sessionId, kind: 'roster', path: file, skipProblemRows: false });
    // Someone signs in at the desk while the workbook is being read.
    becomePrincipal(ctx, 'expert', { sessionId, expertId: 'E' });
    const e = await run.then(
      () => null,
      (x: unknown) => x,
    );
    expect((e as AppError).code).toBe('AUTH_PRINCIPAL_CHANGED');
    expect(ctx.db.prepare('SELECT count(*) AS n FROM expert').get()).toEqual(before);
    ctx.db.close();
  });
});
