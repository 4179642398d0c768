// paneldesk verify FILE: the one verifier (shared/verify) over every kind PanelDesk writes, plain or
// age-encrypted. Exit 0 valid, 1 invalid, 2 usage. Human output in zh-CN or en-US after LANG; --json
// prints the report of docs/verify-report.md.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../../shared/errors';
import { VERIFY_EXIT, type VerifyReport } from '../../../shared/verify/report';
import { reportRows } from '../../../shared/verify/rows';
import { trustedKeyOf, type TrustedKey } from '../../../shared/verify/session';
import { VERIFY_TEXTS, type VerifyLanguage } from '../../../shared/verify/texts';
import { containerFailureReport, verifyDetailed, type VerifyOptions } from '../../../shared/verify/verify';
import type { SessionContext } from '../../../shared/verify/expert-sheets';
import { failureOf } from '../../../shared/verify/failures';
import { withPlainBundle, type AgeKey } from '../../backend/bundles/age';
import { UsageError, type Command } from '../command';
import { withFileIO } from '../verify/file-io';

/** --trust takes a 64-hex Ed25519 public key, or a file of them (one a line, `#` comments). */
async function trustKeys(values: readonly string[], cwd: string): Promise<TrustedKey[]> {
  const keys: TrustedKey[] = [];
  for (const v of values) {
    let hexes = [v];
    if (!/^[0-9a-fA-F]{64}$/.test(v)) {
      const text = await fs.readFile(path.resolve(cwd, v), 'utf8').catch(() => {
        throw new UsageError(`--trust takes a 32-byte Ed25519 public key in hex or a file of them; ${JSON.stringify(v)} is neither`);
      });
      hexes = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
      if (hexes.length === 0) throw new UsageError(`--trust file ${v} holds no key`);
    }
    for (const h of hexes) {
      if (!/^[0-9a-fA-F]{64}$/.test(h)) throw new UsageError(`--trust: ${JSON.stringify(h.slice(0, 80))} is not a 64-hex public key`);
      try {
        keys.push(trustedKeyOf(h.toLowerCase()));
      } catch {
        throw new UsageError(`--trust: ${h} is not an Ed25519 public key`);
      }
    }
  }
  return keys;
}

async function ageKey(identityFile: string | undefined, passphraseFile: string | undefined, cwd: string): Promise<AgeKey | undefined> {
  const read = (f: string, opt: string): Promise<string> =>
    fs.readFile(path.resolve(cwd, f), 'utf8').catch(() => {
      throw new UsageError(`${opt}: cannot read ${f}`);
    });
  if (identityFile) return { identity: (await read(identityFile, '--identity')).split(/\r?\n/).filter((l) => l.startsWith('AGE-SECRET-KEY-')).join('\n') };
  if (passphraseFile) return { passphrase: (await read(passphraseFile, '--passphrase-file')).replace(/\r?\n$/, '') };
  return undefined;
}

/** Verifies one file, decrypting it first when it is an age file. Never throws on a bad bundle. */
export async function verifyFile(file: string, opts: VerifyOptions, key?: AgeKey): Promise<{ report: VerifyReport; session: SessionContext | null }> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pd-verify-'));
  try {
    return await withPlainBundle(tmp, file, { key }, async (plain) =>
      withFileIO(plain, async (io) => {
        const r = await verifyDetailed(io, opts);
        return { report: r.report, session: r.content ? { content: r.content, rosterKeys: new Map() } : null };
      }),
    );
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // Decryption (V0) or opening the file: the path is the file itself, named as given.
    const f = failureOf(err);
    if (f.details) delete f.details.file;
    return { report: containerFailureReport({ ...f, path: '' }), session: null };
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

export function languageOf(env: NodeJS.ProcessEnv): VerifyLanguage {
  const lang = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return lang.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}

export function humanReport(file: string, report: VerifyReport, lang: VerifyLanguage): string[] {
  const t = VERIFY_TEXTS[lang];
  const text = (key: string): string => {
    const [, group, id] = key.split('.') as [string, 'step' | 'code', string];
    return (t[group] as Record<string, string>)[id] ?? id;
  };
  const lines = [`${file}: ${report.valid ? t.valid : t.invalid} — ${t.kind[report.kind ?? 'unknown']}`];
  if (report.bundleHash) lines.push(`  bundle hash ${report.bundleHash}`);
  if (report.sessionId) lines.push(`  session     ${report.sessionId}`);
  for (const r of reportRows(report)) {
    if (r.kind === 'step') lines.push(`  ${r.n}. [${t.status[r.status]}] ${text(r.textKey)}${r.status === 'passed' ? ` (${r.checked})` : ''}`);
    else lines.push(`       ${r.code}: ${text(r.textKey)} — ${r.path || file}${r.details ? ` (${r.details})` : ''}`);
  }
  return lines;
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'verify a session, expert sheet or result bundle, plain or age-encrypted (exit 0 valid, 1 invalid, 2 usage)',
  usage:
    'paneldesk verify FILE [--trust KEY|FILE ...] [--session FILE] [--require-signature] [--identity FILE | --passphrase-file FILE] [--json]\n' +
    '  --trust     the issuer key (session bundle) or the expert key from the roster (sheet bundle): 64-hex Ed25519 key, or a file of them\n' +
    '  --session   the session bundle a sheet bundle belongs to: its sheets are checked against it\n' +
    '  --identity / --passphrase-file   how to decrypt an age-encrypted FILE (and --session)',
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: {
          json: { type: 'boolean' },
          trust: { type: 'string', multiple: true },
          session: { type: 'string' },
          'require-signature': { type: 'boolean' },
          identity: { type: 'string' },
          'passphrase-file': { type: 'string' },
        },
      });
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
    const [file, ...extra] = parsed.positionals;
    if (!file || extra.length > 0) throw new UsageError('give exactly one FILE');
    const v = parsed.values;
    if (v.identity && v['passphrase-file']) throw new UsageError('give --identity or --passphrase-file, not both');
    const trust = await trustKeys(v.trust ?? [], io.cwd);
    const key = await ageKey(v.identity, v['passphrase-file'], io.cwd);
    for (const f of [file, v.session].filter((x): x is string => x !== undefined)) {
      await fs.access(path.resolve(io.cwd, f)).catch(() => {
        throw new UsageError(`cannot read ${f}`);
      });
    }
    let session: SessionContext | null = null;
    if (v.session) {
      const s = await verifyFile(path.resolve(io.cwd, v.session), {}, key);
      if (!s.session) {
        io.err(`paneldesk verify: --session ${v.session} is not a valid session bundle`);
        humanReport(v.session, s.report, languageOf(process.env)).forEach((l) => io.err(l));
        return VERIFY_EXIT.usage;
      }
      session = s.session;
    }
    const { report } = await verifyFile(path.resolve(io.cwd, file), { trust, requireSignature: v['require-signature'] === true, session }, key);
    if (v.json) io.out(JSON.stringify(report, null, 2));
    else humanReport(file, report, languageOf(process.env)).forEach((l) => io.out(l));
    return report.valid ? VERIFY_EXIT.valid : VERIFY_EXIT.invalid;
  },
};
