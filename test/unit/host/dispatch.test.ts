import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { METHOD_NAMES, contract, type MethodName } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { MAX_PAYLOAD_BYTES } from '../../../shared/ipc';
import { DB_FILE } from '../../../electron/backend/db/connection';
import { latestVersion } from '../../../electron/backend/db/migrations';
import { openHost } from '../../fixtures/demo-host';
import type { BackendHost } from '../../../electron/backend/host-types';
import { fileSha256, tmpDir } from '../../fixtures/tmp';

function newHost(dataDir: string, resourcesDir = tmpDir()): BackendHost {
  return openHost(dataDir, { resourcesDir });
}

/** A host on a fresh data folder, closed after `fn`. */
async function withHost(fn: (host: BackendHost, dataDir: string) => Promise<void>): Promise<void> {
  const dataDir = path.join(tmpDir(), 'data');
  const host = newHost(dataDir);
  try {
    await fn(host, dataDir);
  } finally {
    host.close();
  }
}

function expectError(r: Result<unknown>, code: string): NonNullable<Extract<Result<unknown>, { ok: false }>['error']['details']> {
  expect(r.ok, JSON.stringify(r)).toBe(false);
  if (r.ok) throw new Error('unreachable');
  expect(r.error.code).toBe(code);
  expect(typeof r.error.message).toBe('string');
  return r.error.details ?? {};
}

function value<T>(r: Result<unknown>): T {
  expect(r.ok, JSON.stringify(r)).toBe(true);
  if (!r.ok) throw new Error('unreachable');
  return r.value as T;
}

/** Values for every parameter name the contract uses; a method's valid input is built from its keys. */
const FIELD_VALUES: Record<string, unknown> = {
  sessionId: 'S1',
  dossierId: 'D001',
  expertId: 'E01',
  present: true,
  decision: 'confirm',
  reason: '同单位',
  path: '/nowhere/x.pdbundle',
  jobId: 'job-1',
  zoom: 1.5,
  search: '张',
  passphrase: 'long enough passphrase',
  as: 'expert',
  keyid: 'a'.repeat(64),
  itemId: 'I1',
  value: 100,
  opinion: '同意',
  current: 'current desk pass',
  bundleHash: 'b'.repeat(64),
  kind: 'roster',
  skipProblemRows: false,
  label: '吉林省职称申报系统',
  publicKeyHex: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
  required: true,
  minutes: 10,
  refuse: false,
  // audit log (audit engineer)
  query: { sessionId: 'S1' },
  labels: { sheet: '审计日志', verifySheet: '核验结果', columns: {}, kinds: {}, roles: {}, details: {}, summary: [] },
  // the shell boundary
  sha256: 'a'.repeat(64),
  // the committee meeting (issue 9)
  tellerId: 'E01',
  scrutineerId: 'E02',
  roundId: 'R1',
  entrantId: 'E01',
  quotaId: 'Q1',
  chosen: ['D001'],
  choices: [{ dossierId: 'D001', choice: 'agree' }],
  counts: [{ dossierId: 'D001', issued: 1, returned: 1, valid: 1, invalid: 0, agree: 1, disagree: 0, abstain: 0 }],
  // meeting prints (notice holidays)
  days: ['2026-10-01'],
  // the examiner's workspace
  patch: { zScore: 2 },
  rate: 0.1,
  stratified: true,
  salt: 'dispatch',
  sampleId: 1,
  conforms: true,
  acknowledged: [],
  ballots: [['agree']],
};

function validInput(m: MethodName): Record<string, unknown> {
  const schema = contract[m].input as unknown as z.ZodObject;
  const input = Object.fromEntries(Object.keys(schema.shape).filter((k) => k in FIELD_VALUES).map((k) => [k, FIELD_VALUES[k]]));
  // The findings workbook has labels of its own shape.
  if (m === 'exportFindingsExcel') input['labels'] = { sheets: {}, columns: {}, rules: {}, severities: {}, summary: [] };
  expect(schema.safeParse(input).success, `add ${m}'s parameters to FIELD_VALUES`).toBe(true);
  return input;
}

describe('dispatch: the contract is enforced', () => {
  it('an unknown method is CONTRACT_UNKNOWN_METHOD, including names inherited from Object', async () => {
    await withHost(async (host) => {
      for (const m of ['dropDatabase', 'toString', 'constructor', '__proto__', 'hasOwnProperty', '']) {
        expect(expectError(await host.invoke(m, {}), 'CONTRACT_UNKNOWN_METHOD')).toMatchObject({ field: 'method' });
      }
    });
  });

  it('a wrong type is CONTRACT_INVALID_INPUT naming the field', async () => {
    await withHost(async (host) => {
      expect(expectError(await host.invoke('listDossiers', { sessionId: 5 }), 'CONTRACT_INVALID_INPUT')).toMatchObject({ field: 'sessionId' });
      expect(expectError(await host.invoke('listDossiers', { sessionId: 'S1', greenChannel: 'yes' }), 'CONTRACT_INVALID_INPUT')).toMatchObject({ field: 'greenChannel' });
      expect(expectError(await host.invoke('listDossiers', { sessionId: 'S1', level: 'foo' }), 'CONTRACT_INVALID_INPUT')).toMatchObject({ field: 'level' });
      expect(expectError(await host.invoke('getOverview', { sessionId: '../etc' }), 'CONTRACT_INVALID_INPUT')).toMatchObject({ field: 'sessionId' });
      expect(expectError(await host.invoke('setPrefs', { zoom: 5 }), 'CONTRACT_INVALID_INPUT')).toMatchObject({ field: 'zoom' });
      expect(expectError(await host.invoke('getOverview', {}), 'CONTRACT_INVALID_INPUT')).toMatchObject({ field: 'sessionId' });
      expect(expectError(await host.invoke('getOverview', 'S1'), 'CONTRACT_INVALID_INPUT')).toMatchObject({ field: '' });
    });
  });

  it('an extra key is CONTRACT_INVALID_INPUT naming the key (inputs are strict)', async () => {
    await withHost(async (host) => {
      expect(expectError(await host.invoke('listDossiers', { sessionId: 'S1', orderBy: 'name; DROP TABLE dossier' }), 'CONTRACT_INVALID_INPUT')).toMatchObject({
        field: 'orderBy',
      });
      expect(expectError(await host.invoke('getPrefs', { locale: 'en-US' }), 'CONTRACT_INVALID_INPUT')).toMatchObject({ field: 'locale' });
    });
  });

  it('a missing or null input counts as {} for methods without parameters', async () => {
    await withHost(async (host) => {
      expect(value(await host.invoke('listSessions', undefined))).toEqual([]);
      expect(value(await host.invoke('listSessions', null))).toEqual([]);
    });
  });

  it('a payload over MAX_PAYLOAD_BYTES is CONTRACT_PAYLOAD_TOO_LARGE, before any validation', async () => {
    await withHost(async (host) => {
      const big = { sessionId: 'S1', search: 'x'.repeat(MAX_PAYLOAD_BYTES) };
      expect(expectError(await host.invoke('listDossiers', big), 'CONTRACT_PAYLOAD_TOO_LARGE')).toMatchObject({ limit: MAX_PAYLOAD_BYTES });
      // Counted in UTF-8 bytes: a third as many Chinese characters is just as large.
      const cjk = { sessionId: 'S1', search: '评'.repeat(Math.ceil(MAX_PAYLOAD_BYTES / 3)) };
      expectError(await host.invoke('listDossiers', cjk), 'CONTRACT_PAYLOAD_TOO_LARGE');
      // Just under the limit is judged by the schema instead (search is at most 100 characters).
      const under = { sessionId: 'S1', search: 'x'.repeat(MAX_PAYLOAD_BYTES - 100) };
      expectError(await host.invoke('listDossiers', under), 'CONTRACT_INVALID_INPUT');
    });
  });

  it('an input JSON cannot serialise is refused, never thrown', async () => {
    await withHost(async (host) => {
      const cyclic: Record<string, unknown> = { sessionId: 'S1' };
      cyclic.self = cyclic;
      const r = await host.invoke('listDossiers', cyclic);
      expect(r.ok).toBe(false);
      expect(value(await host.invoke('listSessions', {}))).toEqual([]);
    });
  });

  it('a missing session is SESSION_NOT_FOUND for every session method', async () => {
    await withHost(async (host) => {
      for (const m of ['getOverview', 'getFilterOptions', 'listExperts'] as const) {
        expect(expectError(await host.invoke(m, { sessionId: 'S-NONE' }), 'SESSION_NOT_FOUND')).toMatchObject({ field: 'sessionId', actual: 'S-NONE' });
      }
      expectError(await host.invoke('listDossiers', { sessionId: 'S-NONE' }), 'SESSION_NOT_FOUND');
      expectError(await host.invoke('getDossier', { sessionId: 'S-NONE', dossierId: 'D001' }), 'SESSION_NOT_FOUND');
    });
  });

  it('cancelJob of an unknown job is JOB_NOT_FOUND', async () => {
    await withHost(async (host) => {
      expect(expectError(await host.invoke('cancelJob', { jobId: 'no-such-job' }), 'JOB_NOT_FOUND')).toMatchObject({ field: 'jobId', actual: 'no-such-job' });
    });
  });

  it('getAppInfo reports the version, schema version, data folder and host', async () => {
    await withHost(async (host, dataDir) => {
      expect(value(await host.invoke('getAppInfo', {}))).toEqual({ version: 'test', schemaVersion: latestVersion(), dataDir, host: 'cli' });
    });
  });
});

describe('prefs through the host', () => {
  it('default to zh-CN and persist across a close and re-open', async () => {
    const dataDir = path.join(tmpDir(), 'data');
    const first = newHost(dataDir);
    expect(value(await first.invoke('getPrefs', {}))).toEqual({ locale: 'zh-CN', zoom: 1, lastSessionId: null });
    expect(value(await first.invoke('setPrefs', { locale: 'en-US', zoom: 1.25 }))).toEqual({ locale: 'en-US', zoom: 1.25, lastSessionId: null });
    expect(value(await first.invoke('setPrefs', { lastSessionId: 'S1' }))).toEqual({ locale: 'en-US', zoom: 1.25, lastSessionId: 'S1' });
    first.close();

    const second = newHost(dataDir);
    try {
      expect(value(await second.invoke('getPrefs', {}))).toEqual({ locale: 'en-US', zoom: 1.25, lastSessionId: 'S1' });
      expect(value(await second.invoke('setPrefs', { lastSessionId: null }))).toEqual({ locale: 'en-US', zoom: 1.25, lastSessionId: null });
      expect(value(await second.invoke('setPrefs', {}))).toEqual({ locale: 'en-US', zoom: 1.25, lastSessionId: null });
    } finally {
      second.close();
    }
  });
});

describe('a host whose database cannot be opened', () => {
  it('answers every call with DB_CORRUPT, never throws, and leaves the file as it was', async () => {
    const dataDir = tmpDir();
    const file = path.join(dataDir, DB_FILE);
    fs.writeFileSync(file, randomBytes(32 * 1024));
    const before = fileSha256(file);
    const host = newHost(dataDir);
    try {
      for (const m of METHOD_NAMES) {
        const r = await host.invoke(m, validInput(m));
        expect(r.ok, m).toBe(false);
        // Who may call what is decided from the database (desk set up, idle lock), so every call says it is broken.
        if (!r.ok) expect(r.error.code, m).toBe('DB_CORRUPT');
      }
      // The contract is still checked first.
      expectError(await host.invoke('nope', {}), 'CONTRACT_UNKNOWN_METHOD');
      expectError(await host.invoke('getOverview', { sessionId: 5 }), 'CONTRACT_INVALID_INPUT');
    } finally {
      host.close();
    }
    expect(fileSha256(file)).toBe(before);
    expect(fs.readdirSync(dataDir)).toEqual([DB_FILE]);
  });

  it('reports DATA_DIR_UNAVAILABLE when the data folder cannot be made', async () => {
    const blocker = path.join(tmpDir(), 'file');
    fs.writeFileSync(blocker, 'x');
    const host = newHost(path.join(blocker, 'data'));
    try {
      expectError(await host.invoke('getPrefs', {}), 'DATA_DIR_UNAVAILABLE');
    } finally {
      host.close();
    }
  });

  it('after close, calls fail with a coded error instead of throwing', async () => {
    const host = newHost(tmpDir());
    host.close();
    host.close();
    const r = await host.invoke('getPrefs', {});
    expect(r.ok).toBe(false);
  });
});
