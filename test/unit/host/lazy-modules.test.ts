// Heavy modules load on first use (issue 14 item 4): starting a backend (each import job, each CLI call,
// the app's utility process) must not load exceljs; the first Excel call does.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Loads the backend host module in a fresh Node, optionally writes an Excel template, and counts exceljs's files then loaded. */
async function exceljsFilesLoaded(writeTemplate: boolean): Promise<number> {
  const script = `
    import { createRequire } from 'node:module';
    import os from 'node:os';
    import path from 'node:path';
    import fs from 'node:fs';
    await import(${JSON.stringify(path.join(ROOT, 'electron/backend/host.ts'))});
    if (${writeTemplate}) {
      const { writeRosterTemplate } = await import(${JSON.stringify(path.join(ROOT, 'electron/backend/excel/templates.ts'))});
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-lazy-'));
      await writeRosterTemplate(path.join(dir, 'r.xlsx'));
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const cache = createRequire(import.meta.url).cache;
    console.log(Object.keys(cache).filter((k) => k.includes('/node_modules/exceljs/')).length);`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT });
  return Number(stdout.trim());
}

describe('lazy heavy modules', () => {
  it('starting the backend loads no exceljs; writing a template does (the probe sees it)', { timeout: 60_000 }, async () => {
    expect(await exceljsFilesLoaded(false)).toBe(0);
    expect(await exceljsFilesLoaded(true)).toBeGreaterThan(10);
  });
});
