// scripts/electronegativity.mjs judges the tool's output: it must fail on an unlisted HIGH/MEDIUM finding
// (the tool itself always exits 0), accept a documented false positive only with a reason, and let LOW pass.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../../fixtures/tmp';

const SCRIPT = path.resolve(import.meta.dirname, '../../../scripts/electronegativity.mjs');

function sarif(results: Array<{ ruleId: string; file: string; line: number }>): string {
  return JSON.stringify({
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'Electronegativity', rules: [] } }, results: results.map((r) => ({ ruleId: r.ruleId, level: 'warning', message: { text: r.ruleId }, locations: [{ physicalLocation: { artifactLocation: { uri: r.file }, region: { startLine: r.line } } }] })) }],
  });
}

function judge(findings: Array<{ ruleId: string; file: string; line: number; severity?: string }>, table: string): { code: number | null; out: string } {
  const dir = tmpDir('pd-en-');
  const csv = findings.filter((f) => f.severity).map((f) => `${f.ruleId},"${f.severity}","FIRM","${f.file}","${f.line}:4","sample, with comma","d","u"`);
  fs.writeFileSync(path.join(dir, 'r.sarif'), sarif(findings));
  fs.writeFileSync(path.join(dir, 'r.csv'), `issue,severity,confidence,file,location,sample,description,url\n${csv.join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'c.md'), `# x\n\n## Electronegativity false positives\n\n| Check | File | Reason |\n| --- | --- | --- |\n${table}\n`);
  const r = spawnSync(process.execPath, [SCRIPT, '--sarif', path.join(dir, 'r.sarif'), '--csv', path.join(dir, 'r.csv'), '--checklist', path.join(dir, 'c.md')], { encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const SANDBOX = { ruleId: 'SANDBOX_JS_CHECK', file: 'electron/main/window.ts', line: 43, severity: 'MEDIUM' };

describe('scripts/electronegativity.mjs', () => {
  it('fails on a MEDIUM or HIGH finding that is not a documented false positive', () => {
    const r = judge([SANDBOX, { ruleId: 'NODE_INTEGRATION_JS_CHECK', file: 'electron/main/x.ts', line: 3, severity: 'HIGH' }], '| SANDBOX_JS_CHECK | electron/main/window.ts | set through secureWebPreferences() |');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAILED\s+HIGH\s+NODE_INTEGRATION_JS_CHECK/);
  });

  it('passes when every serious finding is listed with a reason, and only notes LOW ones', () => {
    const r = judge([SANDBOX, { ruleId: 'CSP_GLOBAL_CHECK', file: 'renderer/index.html', line: 5, severity: 'LOW' }], '| SANDBOX_JS_CHECK | electron/main/window.ts | set through secureWebPreferences() |');
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/allowed\s+MEDIUM\s+SANDBOX_JS_CHECK/);
    expect(r.out).toMatch(/note\s+LOW\s+CSP_GLOBAL_CHECK/);
  });

  it('does not accept a listed false positive without a reason', () => {
    expect(judge([SANDBOX], '| SANDBOX_JS_CHECK | electron/main/window.ts |  |').code).toBe(1);
  });

  it('a listed false positive covers only its own file', () => {
    expect(judge([{ ...SANDBOX, file: 'electron/main/other.ts' }], '| SANDBOX_JS_CHECK | electron/main/window.ts | reason |').code).toBe(1);
  });

  it('treats a finding whose severity it cannot find as HIGH', () => {
    const r = judge([{ ruleId: 'SANDBOX_JS_CHECK', file: 'electron/main/window.ts', line: 9 }], '');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAILED\s+HIGH\s+SANDBOX_JS_CHECK/);
  });
});
