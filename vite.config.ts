import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The renderer is served from app:// (Electron) or the web host, both with a strict CSP
 * (script-src 'self'): relative asset paths, and no inline script or module-preload polyfill.
 */
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
  },
});
