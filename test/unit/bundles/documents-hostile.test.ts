// Documents that are JSON to JSON.parse but not I-JSON (docs/bundle-format.md §4.0): a byte-order mark,
// duplicate member names (also after unescaping), unpaired surrogates, nesting and value bombs. Each is
// refused with BUNDLE_SCHEMA_INVALID naming the entry, and `paneldesk inspect` agrees with the importer.
import { openToken } from '../../fixtures/file-tokens';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDemoSession } from '../../../electron/backend/demo/demo-session';
import { bagEntries, sessionBundleEntries, writeZipAtomic } from '../../../electron/backend/bundles/writer';
import { inspectBundle } from '../../../electron/cli/commands/inspect';
import { BUNDLE_TYPE_SESSION } from '../../../shared/bundle/layout';
import { startsAsDeclared } from '../../../shared/bundle/media-type';
import { parseStrictJson } from '../../../shared/bundle/strict-json';
import type { AppEvent } from '../../../shared/contract';
import { openHost } from '../../fixtures/demo-host';
import { tmpDir } from '../../fixtures/tmp';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The demo bundle with one document's bytes replaced (manifests recomputed, so only the JSON is wrong). */
async function demoWith(entry: string, edit: (text: string) => Uint8Array): Promise<string> {
  const demo = buildDemoSession();
  const entries = sessionBundleEntries(demo.content, demo.blobs);
  const data = entries
    .filter((e) => e.name.startsWith('data/'))
    .map((e) => (e.name === entry ? { ...e, data: edit(new TextDecoder().decode(e.data)) } : e));
  const { sessionId, bundleVersion } = demo.content.session;
  const file = path.join(tmpDir('pd-docs-'), 'crafted.pdbundle');
  await writeZipAtomic(file, bagEntries(BUNDLE_TYPE_SESSION, { sessionId, bundleVersion }, data, { compress: true }));
  return file;
}

async function importVerdict(file: string): Promise<{ code: string; details?: unknown }> {
  const host = openHost(tmpDir('pd-docs-host-'));
  const started = await host.invoke('startImport', { path: openToken(host, file) });
  if (!started.ok) return { code: started.error.code, details: started.error.details };
  const jobId = (started.value as { jobId: string }).jobId;
  const verdict = await new Promise<{ code: string; details?: unknown }>((resolve) => {
    host.onEvent((e: AppEvent) => {
      if (e.type === 'job.done' && e.jobId === jobId) resolve({ code: 'ok' });
      if (e.type === 'job.failed' && e.jobId === jobId) resolve({ code: e.error.code, details: e.error.details });
    });
  });
  host.close();
  return verdict;
}

describe('bundle documents must be I-JSON (RFC 7493)', () => {
  it.each([
    ['a leading byte-order mark', 'data/experts.json', (t: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...enc(t)]), { reason: 'byte-order mark', offset: 0 }],
    ['a duplicate member name', 'data/session.json', (t: string) => enc(t.replace('"name": ', '"name": "x", "name": ')), { reason: 'duplicate member name "name"', path: 'name' }],
    ['a duplicate equal only after unescaping', 'data/session.json', (t: string) => enc(t.replace('"name": ', '"n\\u0061me": "x", "name": ')), { reason: 'duplicate member name "name"' }],
    ['a duplicate in a nested object', 'data/dossiers.json', (t: string) => enc(t.replace('"packetNo": ', '"packetNo": "X", "packetNo": ')), { reason: 'duplicate member name "packetNo"', path: '0.packetNo' }],
    ['an unpaired surrogate', 'data/groups.json', (t: string) => enc(t.replace('"name": "', '"name": "\\ud800')), { reason: 'unpaired surrogate' }],
  ])('refuses %s, naming the entry, in the importer and in inspect alike', async (_what, entry, edit, details) => {
    const file = await demoWith(entry, edit);
    const report = await inspectBundle(file, { required: false, publicKeysHex: [] });
    expect(report.valid).toBe(false);
    expect(report.error).toMatchObject({ code: 'BUNDLE_SCHEMA_INVALID', details: { entry, ...details } });
    expect(await importVerdict(file)).toMatchObject({ code: 'BUNDLE_SCHEMA_INVALID', details: { entry, ...details } });
  });
});

describe('attachments must start as their declared type (§3.6)', () => {
  it('refuses a PDF declared as a JPEG, in the importer and in inspect alike', async () => {
    const file = await demoWith('data/dossiers.json', (t) => enc(t.replace('"mediaType": "application/pdf"', '"mediaType": "image/jpeg"')));
    const details = { entry: 'data/dossiers.json', reason: 'the file does not start as image/jpeg does', actual: 'image/jpeg' };
    const report = await inspectBundle(file, { required: false, publicKeysHex: [] });
    expect(report.error).toMatchObject({ code: 'BUNDLE_BAD_REFERENCE', details });
    expect(String(report.error?.details?.path)).toMatch(/^\d+\.attachments\.\d+\.mediaType$/);
    expect(await importVerdict(file)).toMatchObject({ code: 'BUNDLE_BAD_REFERENCE', details });
  });

  it('knows the signatures of PDF, PNG and JPEG, and nothing else', () => {
    expect(startsAsDeclared('application/pdf', enc('%PDF-1.7\n'))).toBe(true);
    // A zip holding PDFs of other dossiers, labelled application/pdf.
    expect(startsAsDeclared('application/pdf', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x25, 0x50, 0x44, 0x46]))).toBe(false);
    expect(startsAsDeclared('image/png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(startsAsDeclared('image/png', enc('\u0089PNG\r\n\u001a\n'))).toBe(false);
    expect(startsAsDeclared('image/jpeg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
    expect(startsAsDeclared('image/gif', enc('GIF89a'))).toBe(false);
    expect(startsAsDeclared('application/pdf', enc('%PD'))).toBe(false);
  });
});

describe('parseStrictJson', () => {
  const parse = (s: string | Uint8Array, maxValues = 1000) => parseStrictJson(typeof s === 'string' ? enc(s) : s, { maxValues });

  it('accepts what JSON.parse accepts when it is I-JSON, with the same value and a count of values', () => {
    const text = '{"a":[1,-2.5e3,true,false,null,"s\\u00e9\\n"],"b":{"c":{}},"é":"中文","d":"\\ud83d\\ude00"}';
    expect(parse(text)).toEqual({ ok: true, value: JSON.parse(text), values: 12 });
    expect(parse(' [ ] ')).toMatchObject({ ok: true, value: [] });
  });

  it.each([
    ['{"a":1,"a":2}', 'duplicate member name "a"', 7, 'a'],
    ['{"é":1,"\\u00e9":2}', 'duplicate member name "é"', 8, 'é'],
    ['[1,2', 'expected "," or the end of the container', 4, '1'],
    ['[1,', 'unexpected end', 3, '1'],
    ['[1,]', 'unexpected character', 3, '1'],
    ['{"a" 1}', 'expected ":"', 5, 'a'],
    ['"\\ud800"', 'unpaired surrogate', 1, ''],
    ['"\\udc00x"', 'unpaired surrogate', 1, ''],
    ['1e400', 'number out of range', 0, ''],
    ['01', 'data after the JSON value', 1, ''],
    ['[1] x', 'data after the JSON value', 4, ''],
    ['"a\tb"', 'control character in a string', 2, ''],
    ['"\\x"', 'bad escape', 1, ''],
  ])('refuses %j: %s at byte %d, path %j', (text, reason, offset, path) => {
    expect(parse(text)).toEqual({ ok: false, reason, offset, path });
  });

  it('refuses a byte-order mark, invalid UTF-8, deep nesting and more values than allowed', () => {
    expect(parse(new Uint8Array([0xef, 0xbb, 0xbf, 0x5b, 0x5d]))).toMatchObject({ ok: false, reason: 'byte-order mark' });
    expect(parse(new Uint8Array([0x22, 0xff, 0x22]))).toMatchObject({ ok: false, reason: 'not UTF-8' });
    expect(parse('['.repeat(65) + ']'.repeat(65))).toMatchObject({ ok: false, reason: 'nested deeper than 64' });
    expect(parse('['.repeat(64) + ']'.repeat(64))).toMatchObject({ ok: true });
    expect(parse(`[${'0,'.repeat(1000)}0]`)).toMatchObject({ ok: false, reason: 'more than 1000 values' });
  });
});
