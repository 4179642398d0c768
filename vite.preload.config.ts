// Builds the preload into ONE CommonJS file (dist/preload/index.cjs): a sandboxed preload may
// require('electron') and nothing else, so everything it uses (the contract, zod) is inlined.
import path from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  root,
  publicDir: false,
  build: {
    // Electron 45 ships Chromium 140.
    target: 'chrome140',
    outDir: 'dist/preload',
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    lib: {
      entry: path.join(root, 'electron/preload/index.ts'),
      formats: ['cjs'],
      fileName: () => 'index.cjs',
    },
    rolldownOptions: {
      external: ['electron'],
      output: {
        format: 'cjs',
        codeSplitting: false,
        exports: 'named',
      },
    },
  },
});
