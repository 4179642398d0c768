import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { SESSION_DOCUMENTS, type SessionDocumentName } from '../../../shared/bundle/schema';
import { DOCUMENT_FIELDS } from '../../../electron/backend/bundles/writer';
import { buildDemoSession } from '../../../electron/backend/demo/demo-session';
import { main } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';

const ROOT = path.resolve(__dirname, '../../..');

function captureIo(cwd: string): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, cwd, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pd-cli-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('paneldesk demo', () => {
  it('writes the same bundle as the committed demo, into a new folder, and says what it wrote', async () => {
    const io = captureIo(dir);
    expect(await main(['demo', '--out', 'sub/demo.pdbundle'], io)).toBe(0);
    const written = await fs.readFile(path.join(dir, 'sub/demo.pdbundle'));
    expect(written.equals(await fs.readFile(path.join(ROOT, 'resources/demo/demo-session.pdbundle')))).toBe(true);
    const text = io.stdout.join('\n');
    expect(text).toContain('wrote sub/demo.pdbundle');
    expect(text).toContain('30 dossiers, 25 experts, 3 groups, 3 standards');
    expect(text).toContain(`${written.length} bytes`);
  });

  it('--breach writes the committed rule-breach demo, byte for byte', async () => {
    const io = captureIo(dir);
    expect(await main(['demo', '--breach', '--out', 'breach.pdbundle'], io)).toBe(0);
    const written = await fs.readFile(path.join(dir, 'breach.pdbundle'));
    expect(written.equals(await fs.readFile(path.join(ROOT, 'resources/demo/breach-session.pdbundle')))).toBe(true);
    expect(io.stdout.join('\n')).toContain('12 dossiers, 10 experts, 4 groups, 3 standards');
    await expect(main(['demo', '--breach', '--experts', '25', '--out', 'x'], captureIo(dir))).resolves.toBe(2);
  });

  it('takes the scaling options', async () => {
    const io = captureIo(dir);
    const args = ['demo', '--out', 'small.pdbundle', '--dossiers', '12', '--experts', '21', '--attachments', '1', '--seed', '5'];
    expect(await main(args, io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('12 dossiers, 21 experts, 3 groups, 3 standards, 12 attachments');
  });

  it.each([
    [['demo'], /--out FILE is required/],
    [['demo', '--out', 'x', '--dossiers', 'ten'], /--dossiers must be a whole number/],
    [['demo', '--out', 'x', '--experts', '2'], /--experts must be from 3 to 500/],
    [['demo', '--out', 'x', '--colour'], /Unknown option '--colour'/],
    [['demo', '--out', 'x', 'extra'], /positional argument/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [[], /usage: paneldesk <command>/],
  ])('exits 2 with a message for %j', async (args, message) => {
    const io = captureIo(dir);
    expect(await main(args, io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(message);
    expect(io.stdout).toEqual([]);
  });

  it('prints help with exit 0', async () => {
    const io = captureIo(dir);
    expect(await main(['demo', '--help'], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('usage: paneldesk demo --out FILE');
  });
});

describe('paneldesk schemas', () => {
  it('writes one JSON Schema per document, identical to resources/schemas', async () => {
    const io = captureIo(dir);
    expect(await main(['schemas', '--out', 'schemas'], io)).toBe(0);
    const files = (await fs.readdir(path.join(dir, 'schemas'))).sort();
    expect(files).toEqual(
      [
        'conflicts', 'dossiers', 'expert-sheets.expert', 'expert-sheets.sheets', 'experts', 'groups', 'quotas',
        'result.attendance', 'result.audit-checkpoints', 'result.audit-log', 'result.commitment-payload', 'result.commitments', 'result.count-report-payload', 'result.count-reports',
        'result.header', 'result.meeting', 'result.recusals', 'result.results', 'result.roster', 'result.rounds', 'result.seal-payload', 'result.sheets',
        'result.statement-payload', 'result.statements',
        'scoresheet-payload', 'session', 'standards',
      ].map((n) => `${n}.schema.json`),
    );
    for (const f of files) {
      const fresh = await fs.readFile(path.join(dir, 'schemas', f), 'utf8');
      expect(fresh, `resources/schemas/${f} is stale: run paneldesk schemas --out resources/schemas`).toBe(
        await fs.readFile(path.join(ROOT, 'resources/schemas', f), 'utf8'),
      );
    }
  });

  it('accepts the demo documents and rejects a broken one, as a JSON Schema validator sees them', async () => {
    const { content } = buildDemoSession();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    for (const name of Object.keys(SESSION_DOCUMENTS) as SessionDocumentName[]) {
      const schema = JSON.parse(await fs.readFile(path.join(ROOT, 'resources/schemas', `${path.basename(name, '.json')}.schema.json`), 'utf8'));
      const validate = ajv.compile(schema);
      expect(validate(content[DOCUMENT_FIELDS[name]]), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
      if (name === 'data/dossiers.json') {
        const broken = structuredClone(content.dossiers);
        broken[0]!.idNumber = '12345';
        expect(validate(broken)).toBe(false);
      }
    }
  });

  it('requires --out', async () => {
    const io = captureIo(dir);
    expect(await main(['schemas'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('--out DIR is required');
  });
});
