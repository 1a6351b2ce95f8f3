import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * @fontsource's CSS names a WOFF file after each WOFF2 one for browsers older than ours; left in,
 * the build would copy both. Only WOFF2 is kept (Chromium, the only browser we serve, reads it).
 */
function woff2Only(): Plugin {
  return {
    name: 'woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]@fontsource[\\/].*\.css$/.test(id)) return null;
      return { code: code.replace(/,\s*url\([^)]*\.woff\)\s*format\('woff'\)/g, ''), map: null };
    },
  };
}

/**
 * The renderer is served from app:// (Electron) or the web host, both with a strict CSP
 * (script-src 'self'): relative asset paths, and no inline script or module-preload polyfill.
 */
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react(), woff2Only()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
  },
});
