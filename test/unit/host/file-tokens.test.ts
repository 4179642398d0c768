// Paths only from dialogs (issue 8, item 6): the renderer names files by one-use tokens the host's dialogs
// issued, each for its purpose; a path, a spent token or a token of the other purpose is refused, coded.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '../../../shared/contract';
import { FILE_TOKEN_RE, fileFieldsOf } from '../../../shared/file-token';
import type { FileTokenRenewal } from '../../../shared/file-token';
import { DEMO_BUNDLE } from '../../../electron/backend/services/demo';
import { err, ok, openHost, RESOURCES } from '../../fixtures/demo-host';
import { openToken, saveToken } from '../../fixtures/file-tokens';
import { tmpDir } from '../../fixtures/tmp';

async function withDemo() {
  const dir = tmpDir('pd-tokens-');
  const host = openHost(path.join(dir, 'data'));
  const { sessionId } = await ok(host, 'openDemo', {});
  return { dir, host, sessionId };
}

describe('file tokens at the dispatcher', () => {
  it('refuses a renderer-supplied path with FILE_TOKEN_INVALID naming the field, for every method that takes a file', async () => {
    const { dir, host, sessionId } = await withDemo();
    const target = path.join(dir, 'written-by-a-path.xlsx');
    expect(await err(host, 'exportExcelTemplate', { sessionId, kind: 'roster', path: target })).toMatchObject({
      code: 'FILE_TOKEN_INVALID',
      details: { field: 'path', reason: 'not_a_token' },
    });
    expect(fs.existsSync(target)).toBe(false);
    expect(await err(host, 'startImport', { path: path.join(RESOURCES, DEMO_BUNDLE) })).toMatchObject({ code: 'FILE_TOKEN_INVALID', details: { field: 'path' } });
    expect(await err(host, 'importExcel', { sessionId, kind: 'roster', path: '/etc/passwd', skipProblemRows: false })).toMatchObject({ code: 'FILE_TOKEN_INVALID' });
    expect(await err(host, 'previewSheetMerge', { sessionId, path: '../../x.pdsheets' })).toMatchObject({ code: 'FILE_TOKEN_INVALID' });
    const experts = await ok(host, 'listExperts', { sessionId });
    const pkg = path.join(dir, 'pkg.age');
    expect(await err(host, 'exportExpertPackage', { sessionId, expertId: experts[0]?.id ?? '', path: pkg, passphrase: 'long enough pass' })).toMatchObject({ code: 'FILE_TOKEN_INVALID' });
    expect(fs.existsSync(pkg)).toBe(false);
    // A well-formed token the host never issued is refused too.
    expect(await err(host, 'exportExcelTemplate', { sessionId, kind: 'roster', path: `ft_${'A'.repeat(43)}` })).toMatchObject({ details: { reason: 'unknown' } });
    host.close();
  });

  it('refuses a save token used twice', async () => {
    const { dir, host, sessionId } = await withDemo();
    const file = path.join(dir, '评委名单模板.xlsx');
    const token = saveToken(host, file);
    expect(token).toMatch(FILE_TOKEN_RE);
    expect(await ok(host, 'exportExcelTemplate', { sessionId, kind: 'roster', path: token })).toEqual({ path: file });
    fs.rmSync(file);
    expect(await err(host, 'exportExcelTemplate', { sessionId, kind: 'roster', path: token })).toMatchObject({
      code: 'FILE_TOKEN_INVALID',
      details: { field: 'path', reason: 'used' },
    });
    expect(fs.existsSync(file)).toBe(false);
    host.close();
  });

  it('refuses an open token used twice, and a token spent by a failing call', async () => {
    const { dir, host, sessionId } = await withDemo();
    const missing = openToken(host, path.join(dir, 'missing.xlsx'));
    expect((await err(host, 'importExcel', { sessionId, kind: 'roster', path: missing, skipProblemRows: false })).code).toBe('EXCEL_UNREADABLE');
    expect(await err(host, 'importExcel', { sessionId, kind: 'roster', path: missing, skipProblemRows: false })).toMatchObject({ code: 'FILE_TOKEN_INVALID', details: { reason: 'used' } });
    host.close();
  });

  it('keeps open and save apart: each token only for its purpose, and spent by the wrong use', async () => {
    const { dir, host, sessionId } = await withDemo();
    const file = path.join(dir, 'roster.xlsx');
    const open = openToken(host, file);
    expect(await err(host, 'exportExcelTemplate', { sessionId, kind: 'roster', path: open })).toMatchObject({ code: 'FILE_TOKEN_INVALID', details: { reason: 'purpose' } });
    expect(fs.existsSync(file)).toBe(false);
    const save = saveToken(host, path.join(RESOURCES, DEMO_BUNDLE));
    expect(await err(host, 'startImport', { path: save })).toMatchObject({ code: 'FILE_TOKEN_INVALID', details: { reason: 'purpose' } });
    expect(await err(host, 'startImport', { path: save })).toMatchObject({ details: { reason: 'used' } });
    host.close();
  });

  it('answers a successful read with a successor token for the same file, itself valid once', async () => {
    const { dir, host, sessionId } = await withDemo();
    const file = path.join(dir, 'roster.xlsx');
    await ok(host, 'exportExcelTemplate', { sessionId, kind: 'roster', path: saveToken(host, file) });
    const first = openToken(host, file);
    const r1 = (await host.invoke('importExcel', { sessionId, kind: 'roster', path: first, skipProblemRows: false })) as Awaited<ReturnType<typeof host.invoke>> & FileTokenRenewal;
    expect(r1.ok).toBe(true);
    const next = r1.renewed?.path ?? '';
    expect(next).toMatch(FILE_TOKEN_RE);
    expect(next).not.toBe(first);
    const r2 = await host.invoke('importExcel', { sessionId, kind: 'roster', path: next, skipProblemRows: false });
    expect(r2.ok).toBe(true);
    expect(await err(host, 'importExcel', { sessionId, kind: 'roster', path: next, skipProblemRows: false })).toMatchObject({ details: { reason: 'used' } });
    host.close();
  });

  it('grants tokens only for absolute paths', () => {
    const host = openHost(tmpDir('pd-tokens-'));
    expect(() => host.grantFile('relative/x.pdbundle', 'open')).toThrow(expect.objectContaining({ code: 'FILE_TOKEN_INVALID' }));
    expect(() => host.grantFile('/tmp/a\0b', 'save')).toThrow(expect.objectContaining({ code: 'FILE_TOKEN_INVALID' }));
    host.close();
  });

  it('every contract field that names a file is a token field (no raw path slips into the contract)', () => {
    const fileish = /^(path|file|.*(Path|File|Pdf))$/;
    for (const m of METHOD_NAMES) {
      const schema = contract[m].input as unknown as { shape?: Record<string, unknown> };
      const keys = Object.keys(schema.shape ?? {}).filter((k) => fileish.test(k));
      expect(fileFieldsOf(contract[m].input).map((f) => f.field), m).toEqual(keys);
    }
    expect(fileFieldsOf(contract.startImport.input)).toEqual([{ field: 'path', purpose: 'open' }]);
    expect(fileFieldsOf(contract.exportSheetBundle.input)).toEqual([{ field: 'path', purpose: 'save' }]);
  });
});
