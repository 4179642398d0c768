import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { withCspMeta } from './shared/csp';

// The renderer is served from app://paneldesk/ (Electron) or the test host; relative URLs work in both.
export default defineConfig({
  root: 'renderer',
  base: './',
  // The CSP <meta> comes from shared/csp.ts, the one definition the app and the test host also send.
  plugins: [react(), { name: 'paneldesk-csp-meta', transformIndexHtml: (html: string) => withCspMeta(html) }],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
});
