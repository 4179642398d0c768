// Electron hardening checked by a tool: runs @doyensec/electronegativity (pinned, devDependency) with
// `-e <the pinned Electron version>` over the electron/ sources and the renderer's index.html (its CSP).
// The tool always exits 0, so this reads its SARIF and fails on any HIGH or MEDIUM finding that
// docs/security-checklist.md does not list as a false positive, with a reason. SARIF carries no severity
// (only warning/note), and `-s` does not filter the global checks, so the same scan is also written as
// CSV, which does: each SARIF finding takes its severity from there (none found counts as HIGH).
// A canary file with known-bad settings is scanned alongside: if the tool reports nothing for it, the
// scan proved nothing, and that fails too.
//
//   node scripts/electronegativity.mjs                      run the tool and judge
//   node scripts/electronegativity.mjs --sarif F [--csv F] [--checklist C]   judge existing output (tests)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { parseArgs } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const CANARY_DIR = 'canary';
// Settings Electron's checklist forbids; the tool must flag them, or the scan is vacuous.
const CANARY = `const { BrowserWindow } = require('electron');
new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });
`;

/** Rows `| RULE_ID | file | reason |` of the false-positive table in the checklist. */
export function readFalsePositives(markdown) {
  const out = [];
  let inSection = false;
  for (const line of markdown.split('\n')) {
    if (/^##\s/.test(line)) inSection = /false positives/i.test(line);
    if (!inSection) continue;
    const m = /^\|\s*`?([A-Z0-9_]+)`?\s*\|\s*`?([^|`]+?)`?\s*\|\s*(.*?)\s*\|\s*$/.exec(line);
    if (m && m[1] !== 'Check' && !/^-+$/.test(m[1])) out.push({ ruleId: m[1], file: m[2].trim(), reason: m[3].trim() });
  }
  return out;
}

/** Minimal RFC 4180 reader: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

const norm = (file) => file.replace(/^file:\/\//, '').split(path.sep).join('/');

/** Severity by `rule file line` from the CSV output (columns: id, severity, confidence, file, line:column, …). */
export function readSeverities(csvText) {
  const out = new Map();
  for (const r of parseCsv(csvText)) {
    if (r.length < 5 || !/^[A-Z0-9_]+$/.test(r[0] ?? '')) continue;
    const line = Number((r[4] ?? '').split(':')[0]) || 0;
    out.set(`${r[0]} ${norm(r[3] ?? 'N/A')} ${line === 0 ? 1 : line}`, (r[1] ?? '').toUpperCase());
  }
  return out;
}

/** Findings of a SARIF log: rule, file (relative, '/'), line, and the severity the CSV gives them. */
export function readFindings(sarif, severities = new Map()) {
  const run = sarif?.runs?.[0];
  if (!run || !Array.isArray(run.results)) throw new Error('not a SARIF log with results');
  return run.results.map((r) => {
    const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? 'N/A';
    const file = uri === 'file:///' ? 'N/A' : norm(uri);
    const line = r.locations?.[0]?.physicalLocation?.region?.startLine ?? 1;
    const severity = severities.get(`${r.ruleId} ${file} ${line}`) ?? 'HIGH';
    return { ruleId: r.ruleId, file, line, severity, message: r.message?.text ?? '' };
  });
}

/** Splits HIGH/MEDIUM findings into allowed (documented false positives, each with a reason) and failing. */
export function judge(findings, falsePositives) {
  const key = (x) => `${x.ruleId} ${x.file}`;
  const allowed = new Map(falsePositives.filter((f) => f.reason.length > 0).map((f) => [key(f), f]));
  const app = findings.filter((f) => !f.file.startsWith(`${CANARY_DIR}/`));
  const canary = findings.filter((f) => f.file.startsWith(`${CANARY_DIR}/`) && (f.severity === 'HIGH' || f.severity === 'MEDIUM'));
  const serious = app.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
  const failing = serious.filter((f) => !allowed.has(key(f)));
  const used = new Set(serious.map(key));
  const stale = falsePositives.filter((f) => !used.has(key(f)));
  return { failing, allowed: serious.filter((f) => allowed.has(key(f))), minor: app.filter((f) => !serious.includes(f)), canary, stale };
}

function copyTree(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, e.name);
    if (e.isDirectory()) copyTree(src, path.join(to, e.name));
    else if (/\.(ts|tsx|js|mjs|cjs|html)$/.test(e.name)) fs.copyFileSync(src, path.join(to, e.name));
  }
}

function runTool(args, cwd) {
  const bin = path.join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/** Runs the tool over a copy of what ships (electron/, renderer/index.html) plus the canary: SARIF and CSV. */
async function scan(electronVersion) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-electronegativity-'));
  try {
    const target = path.join(work, 'scan');
    copyTree(path.join(root, 'electron'), path.join(target, 'electron'));
    fs.mkdirSync(path.join(target, 'renderer'), { recursive: true });
    fs.copyFileSync(path.join(root, 'renderer', 'index.html'), path.join(target, 'renderer', 'index.html'));
    fs.mkdirSync(path.join(target, CANARY_DIR));
    fs.writeFileSync(path.join(target, CANARY_DIR, 'bad-window.js'), CANARY);
    const sarifFile = path.join(work, 'result.sarif');
    const csvFile = path.join(work, 'result.csv');
    const common = ['-i', target, '-e', electronVersion, '-r', '-v', 'false'];
    const [a, b] = await Promise.all([runTool([...common, '-o', sarifFile], work), runTool([...common, '-o', csvFile], work)]);
    for (const [file, r] of [[sarifFile, a], [csvFile, b]]) {
      if (!fs.existsSync(file)) throw new Error(`electronegativity wrote no ${path.extname(file)} (exit ${r.code}):\n${r.out}`);
    }
    return { sarif: JSON.parse(fs.readFileSync(sarifFile, 'utf8')), csv: fs.readFileSync(csvFile, 'utf8') };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function main() {
  const { values } = parseArgs({ options: { sarif: { type: 'string' }, csv: { type: 'string' }, checklist: { type: 'string' } } });
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const electronVersion = pkg.devDependencies?.electron;
  if (!/^\d+\.\d+\.\d+$/.test(electronVersion ?? '')) throw new Error(`package.json must pin electron exactly, found ${electronVersion}`);
  const given = values.sarif !== undefined;
  const { sarif, csv } = given
    ? { sarif: JSON.parse(fs.readFileSync(values.sarif, 'utf8')), csv: values.csv ? fs.readFileSync(values.csv, 'utf8') : '' }
    : await scan(electronVersion);
  const checklist = values.checklist ?? path.join(root, 'docs', 'security-checklist.md');
  const fps = readFalsePositives(fs.readFileSync(checklist, 'utf8'));
  const { failing, allowed, minor, canary, stale } = judge(readFindings(sarif, readSeverities(csv)), fps);

  console.log(`electronegativity (Electron ${electronVersion}): ${failing.length + allowed.length} HIGH/MEDIUM finding(s), ${allowed.length} documented false positive(s), ${minor.length} LOW/INFO`);
  for (const f of allowed) console.log(`  allowed  ${f.severity}  ${f.ruleId}  ${f.file}:${f.line}`);
  for (const f of minor) console.log(`  note     ${f.severity}  ${f.ruleId}  ${f.file}:${f.line}  ${f.message}`);
  for (const f of stale) console.log(`  note: documented false positive no longer reported: ${f.ruleId} ${f.file}`);
  let ok = true;
  if (!given) {
    if (canary.length === 0) {
      console.log('  FAILED: the canary (nodeIntegration on, contextIsolation/sandbox/webSecurity off) was not flagged: the scan proves nothing');
      ok = false;
    } else console.log(`  canary: ${canary.length} HIGH/MEDIUM finding(s) on the deliberately weakened window, as expected`);
  }
  for (const f of failing) {
    console.log(`  FAILED   ${f.severity}  ${f.ruleId}  ${f.file}:${f.line}  ${f.message}`);
    ok = false;
  }
  if (failing.length > 0) console.log(`Fix them, or list a real false positive with its reason in ${path.relative(root, checklist)}.`);
  process.exit(ok ? 0 : 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
