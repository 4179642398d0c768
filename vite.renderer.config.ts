import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served from app://paneldesk/ (Electron) or the test host; relative URLs work in both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
});
