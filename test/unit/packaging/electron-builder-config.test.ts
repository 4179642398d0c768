import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import Ajv from 'ajv';
import { build } from 'vite';
import type { UserConfig } from 'vite';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../shared/contract';
import mainConfig, { isExternal } from '../../../vite.main.config';
import preloadConfig from '../../../vite.preload.config';

const root = path.resolve(import.meta.dirname, '../../..');
// js-yaml comes with electron-builder (no types of its own here).
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

interface TargetEntry {
  target: string;
  arch?: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string };
  files: string[];
  extraResources: { from: string; to: string }[];
  asarUnpack: string[];
  npmRebuild: boolean;
  win: { target: TargetEntry[] };
  mac: { target: TargetEntry[] };
  linux: { target: TargetEntry[]; category: string };
  [key: string]: unknown;
}

const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const schema = JSON.parse(readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;

function validator() {
  // The schema is draft-07, which Ajv's default class speaks; formats are not ours to check.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  return ajv.compile(schema);
}

const archesOf = (targets: TargetEntry[], name: string) => targets.find((t) => t.target === name)?.arch ?? [];

describe('electron-builder.yml', () => {
  it("is valid against app-builder-lib's schema", () => {
    const validate = validator();
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check is not vacuous: a misspelt key fails', () => {
    const validate = validator();
    expect(validate({ ...config, appID: 'x' })).toBe(false);
    expect(validate({ ...config, linux: { ...config.linux, target: [{ target: 'deb', arch: ['sparc'] }] } })).toBe(false);
  });

  it('names the app', () => {
    expect(config.appId).toBe('cn.paneldesk.app');
    expect(config.productName).toBe('评审台 PanelDesk');
    expect(config.directories.output).toBe('out');
  });

  it('packages dist/ and package.json, with resources/ beside the asar', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    expect(config.files.some((f) => f.startsWith('src') || f === '**/*')).toBe(false);
    expect(config.extraResources).toEqual([{ from: 'resources', to: 'resources' }]);
  });

  it('flips the Electron fuses that close Node-style entry points and pin the app to its asar', () => {
    const fuses = config.electronFuses as Record<string, unknown>;
    expect(fuses.runAsNode).toBe(false);
    expect(fuses.enableNodeOptionsEnvironmentVariable).toBe(false);
    expect(fuses.enableNodeCliInspectArguments).toBe(false);
    expect(fuses.enableCookieEncryption).toBe(true);
    expect(fuses.enableEmbeddedAsarIntegrityValidation).toBe(true);
    expect(fuses.onlyLoadAppFromAsar).toBe(true);
    expect(fuses.grantFileProtocolExtraPrivileges).toBe(false);
    // The asar integrity fuse needs an asar with its hash embedded.
    expect(config.asar).not.toBe(false);
    expect((config.asar as { disableIntegrity?: boolean } | undefined)?.disableIntegrity).not.toBe(true);
    // The schema knows these keys: a misspelt fuse would fail the schema test above.
    expect(validator()({ ...config, electronFuses: { ...fuses, runAsNod: false } })).toBe(false);
  });

  it('unpacks native modules and rebuilds them for Electron', () => {
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(true);
  });

  it('builds nsis x64 for Windows and dmg for macOS', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(archesOf(config.win.target, 'nsis')).toEqual(['x64']);
    expect(config.mac.target.map((t) => t.target)).toEqual(['dmg']);
  });

  it('builds deb and AppImage for x64 and arm64 (UOS, Kylin) in the Office category', () => {
    expect(config.linux.target.map((t) => t.target).sort()).toEqual(['AppImage', 'deb']);
    for (const name of ['deb', 'AppImage']) expect([...archesOf(config.linux.target, name)].sort()).toEqual(['arm64', 'x64']);
    expect(config.linux.category).toBe('Office');
  });
});

describe('vite.main.config.ts', () => {
  const b = (mainConfig as UserConfig).build;

  it('builds main and the backend process as ESM .mjs', () => {
    const input = b?.rolldownOptions?.input as Record<string, string>;
    expect(Object.keys(input).sort()).toEqual(['backend/process', 'main/index']);
    expect(input['main/index']).toBe(path.join(root, 'electron/main/index.ts'));
    expect(input['backend/process']).toBe(path.join(root, 'electron/backend/process-entry.ts'));
    const output = b?.rolldownOptions?.output as { format: string; entryFileNames: string };
    expect(output.format).toBe('es');
    expect(output.entryFileNames).toBe('[name].mjs');
    expect(b?.outDir).toBe('dist');
    // dist/renderer is another build's output.
    expect(b?.emptyOutDir).toBe(false);
  });

  it.each(['electron', 'better-sqlite3', 'node:fs', 'fs', 'path', 'fs/promises', 'zod', 'zod/v4', '@noble/curves/ed25519.js', 'yauzl', 'age-encryption'])(
    'keeps %s external',
    (id) => {
      expect(isExternal(id)).toBe(true);
    },
  );

  it.each(['../../shared/contract', './host', '/work/x.ts', 'react', 'antd'])('bundles %s', (id) => {
    expect(isExternal(id)).toBe(false);
  });
});

describe('vite.preload.config.ts', () => {
  it('emits CommonJS with only electron external', () => {
    const b = (preloadConfig as UserConfig).build;
    expect((b?.rolldownOptions?.output as { format: string }).format).toBe('cjs');
    expect(b?.lib && b.lib.formats).toEqual(['cjs']);
    expect(b?.rolldownOptions?.external).toEqual(['electron']);
  });

  it('builds ONE file that needs nothing but electron and exposes the whole contract', async () => {
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'paneldesk-preload-'));
    try {
      await build({ configFile: path.join(root, 'vite.preload.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
      expect(readdirSync(outDir)).toEqual(['index.cjs']);
      const code = readFileSync(path.join(outDir, 'index.cjs'), 'utf8');
      const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
      expect(new Set(required)).toEqual(new Set(['electron']));
      expect(code).not.toMatch(/^\s*(import|export)\s/m);

      // Run it as a sandboxed preload would: require() knows only electron.
      const exposed: Record<string, unknown> = {};
      const electron = {
        contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
        ipcRenderer: { invoke: async () => undefined, on: () => undefined, removeListener: () => undefined },
        webUtils: { getPathForFile: () => '' },
      };
      const module = { exports: {} };
      const sandboxRequire = (id: string) => {
        if (id !== 'electron') throw new Error(`preload may not require ${id}`);
        return electron;
      };
      vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports });
      expect(Object.keys(exposed)).toEqual(['api']);
      expect(Object.keys(exposed.api as object).sort()).toEqual([...METHOD_NAMES, 'onEvent', 'shell'].sort());
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
