// The CLI runs compiled JavaScript (issue 8: tsx is not a runtime dependency; issue 14: start-up).
// The build is made here from the current sources, as `npm ci` makes it through the `prepare` script.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMANDS, main } from '../../../electron/cli/main';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'bin/paneldesk.mjs');
const DIST = path.join(ROOT, 'dist/cli');
const run = promisify(execFile);
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-cli-bin-'));
  await run(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'vite.cli.config.ts'], { cwd: ROOT });
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function jsFiles(d: string): string[] {
  return fs.readdirSync(d, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mjs')).map((f) => path.join(d, f));
}

describe('the compiled paneldesk CLI', () => {
  it('needs no TypeScript loader: tsx is a dev dependency, and neither bin nor the build imports it', () => {
    expect(pkg.dependencies).not.toHaveProperty('tsx');
    expect(pkg.devDependencies).toHaveProperty('tsx');
    expect(pkg.scripts.prepare).toContain('vite.cli.config.ts');
    const sources = [BIN, ...jsFiles(DIST)];
    expect(sources.length).toBeGreaterThan(2);
    for (const f of sources) expect(fs.readFileSync(f, 'utf8'), f).not.toMatch(/from ["']tsx|import\(["']tsx|\.ts["']\)/);
  });

  it('runs from bin/paneldesk.mjs: a command, its exit code on bad usage, and help', { timeout: 60_000 }, async () => {
    const out = path.join(dir, 'bin.pdbundle');
    const { stdout } = await run(process.execPath, [BIN, 'demo', '--out', out, '--dossiers', '3'], { cwd: dir });
    expect(stdout).toContain('3 dossiers');
    expect(fs.statSync(out).size).toBeGreaterThan(1000);
    const bad = await run(process.execPath, [BIN, 'demo'], { cwd: dir }).catch((e: { code: number; stderr: string }) => e);
    expect((bad as { code: number }).code).toBe(2);
    expect((bad as { stderr: string }).stderr).toContain('--out FILE is required');
    const help = await run(process.execPath, [BIN, '--help'], { cwd: dir });
    expect(help.stdout).toContain('usage: paneldesk <command>');
    const inspect = await run(process.execPath, [BIN, 'inspect', out], { cwd: dir });
    expect(inspect.stdout).toContain('3');
  });

  it('loads no command for --help: the entry imports only small shared chunks', async () => {
    const loads = COMMANDS.map((c) => vi.spyOn(c, 'load'));
    const lines: string[] = [];
    expect(await main(['--help'], { out: (l) => lines.push(l), err: (l) => lines.push(l), cwd: dir })).toBe(0);
    expect(lines.join('\n')).toContain(COMMANDS.map((c) => c.name).join('  ').slice(0, 4));
    for (const l of loads) expect(l).not.toHaveBeenCalled();
    const entry = fs.readFileSync(path.join(DIST, 'main.mjs'), 'utf8');
    const staticImports = [...entry.matchAll(/^import .* from "(.+)";$/gm)].map((m) => m[1]);
    for (const c of COMMANDS) expect(staticImports.join(' ')).not.toMatch(new RegExp(`/${c.name}-`));
    for (const l of loads) l.mockRestore();
  });

  it('names each command as the command itself does', async () => {
    for (const c of COMMANDS) {
      const cmd = await c.load();
      expect({ name: cmd.name, summary: cmd.summary }).toEqual({ name: c.name, summary: c.summary });
    }
  });
});
