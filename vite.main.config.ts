// Builds Electron main (dist/main/index.mjs) and the backend's utility process (dist/backend/process.mjs):
// ESM for Electron's Node; electron, native and npm dependencies stay external (loaded from node_modules).
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
const EXTERNAL_PACKAGES = new Set(['electron', 'better-sqlite3', ...Object.keys(pkg.dependencies ?? {})]);
const BUILTINS = new Set(builtinModules);

/** node:*, bare built-ins, and every listed package including its subpaths (zod/v4, @noble/curves/ed25519.js…). */
export function isExternal(id: string): boolean {
  if (id.startsWith('node:') || BUILTINS.has(id) || BUILTINS.has(id.split('/')[0] ?? '')) return true;
  const parts = id.split('/');
  const name = id.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
  return EXTERNAL_PACKAGES.has(name);
}

/** dist/ also holds the renderer build, so only our own folders are emptied. */
function cleanOwnOutput(dirs: string[]): Plugin {
  return {
    name: 'paneldesk-clean-main-output',
    buildStart() {
      for (const dir of dirs) rmSync(path.join(root, 'dist', dir), { recursive: true, force: true });
    },
  };
}

export default defineConfig({
  root,
  publicDir: false,
  plugins: [cleanOwnOutput(['main', 'backend', 'common'])],
  ssr: { target: 'node', noExternal: true },
  build: {
    ssr: true,
    target: 'node22',
    outDir: 'dist',
    emptyOutDir: false,
    minify: false,
    sourcemap: true,
    reportCompressedSize: false,
    rolldownOptions: {
      input: {
        'main/index': path.join(root, 'electron/main/index.ts'),
        'backend/process': path.join(root, 'electron/backend/process-entry.ts'),
      },
      external: isExternal,
      output: {
        format: 'es',
        entryFileNames: '[name].mjs',
        chunkFileNames: 'common/[name]-[hash].mjs',
      },
    },
  },
});
