// Builds the paneldesk CLI (dist/cli/main.mjs) to plain JavaScript, so `paneldesk` runs without a
// TypeScript loader at run time (tsx is a dev tool only). npm dependencies and Node built-ins stay
// external, as for the backend. `npm ci` runs it through the `prepare` script.
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
const EXTERNAL = new Set([...Object.keys(pkg.dependencies ?? {}), ...builtinModules]);

/** node:*, built-ins and runtime dependencies (with subpaths such as @noble/curves/ed25519.js) stay imports. */
function isExternal(id: string): boolean {
  if (id.startsWith('node:')) return true;
  const parts = id.split('/');
  return EXTERNAL.has(id.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? ''));
}

export default defineConfig({
  root,
  publicDir: false,
  plugins: [
    {
      name: 'paneldesk-clean-cli-output',
      buildStart() {
        rmSync(path.join(root, 'dist', 'cli'), { recursive: true, force: true });
      },
    },
  ],
  ssr: { target: 'node', noExternal: true },
  logLevel: 'warn',
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist/cli',
    emptyOutDir: false,
    minify: false,
    sourcemap: true,
    reportCompressedSize: false,
    rolldownOptions: {
      input: { main: path.join(root, 'electron/cli/main.ts') },
      external: isExternal,
      output: {
        format: 'es',
        entryFileNames: '[name].mjs',
        chunkFileNames: 'chunks/[name]-[hash].mjs',
      },
    },
  },
});
