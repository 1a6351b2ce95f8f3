import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

/**
 * The customer's pages, served by the relay from dist/webchat (src-relay/http/chat-pages.ts):
 * - the chat page: chat.html with chat.js (the chat and its web calls) and chat.css, at fixed
 *   names because the relay serves them at /chat.js and /chat.css. The page's CSP allows scripts
 *   from files only (script-src 'self'), so no inline module-preload polyfill.
 * - `--mode widget`: widget.js, one self-contained classic script (IIFE) that other companies'
 *   sites embed. It stays small, and the build fails past WIDGET_BUDGET_GZIP_BYTES.
 * `npm run build:webchat` runs both, the page first (it empties the folder).
 */
const ROOT = import.meta.dirname;
const OUT_DIR = path.join(ROOT, 'dist/webchat');
/** Today's widget is about 1.2 kB gzipped; zod alone would be many times this. */
const WIDGET_BUDGET_GZIP_BYTES = 2048;

const chatPage: UserConfig = {
  root: path.join(ROOT, 'src-webchat/chat'),
  base: '/',
  publicDir: false,
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: 'es2020',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rolldownOptions: {
      input: { chat: path.join(ROOT, 'src-webchat/chat/chat.html') },
      output: { entryFileNames: '[name].js', assetFileNames: '[name][extname]' },
    },
  },
};

const widget: UserConfig = {
  publicDir: false,
  build: {
    outDir: OUT_DIR,
    emptyOutDir: false,
    target: 'es2020',
    lib: { entry: path.join(ROOT, 'src-webchat/widget/widget.ts'), formats: ['iife'], name: 'GswChatWidget', fileName: () => 'widget.js' },
  },
  plugins: [sizeBudget('widget.js', WIDGET_BUDGET_GZIP_BYTES)],
};

/** Prints a file's size, and fails the build when its gzipped size passes the budget. */
function sizeBudget(fileName: string, maxGzipBytes: number): Plugin {
  return {
    name: 'size-budget',
    generateBundle(_options, bundle) {
      const file = bundle[fileName];
      if (!file) return this.error(`${fileName} was not built.`);
      const code = file.type === 'chunk' ? file.code : file.source;
      const bytes = Buffer.byteLength(code);
      const gzipped = gzipSync(code, { level: 9 }).length;
      this.info(`${fileName}: ${bytes} bytes, ${gzipped} bytes gzipped (budget ${maxGzipBytes})`);
      if (gzipped > maxGzipBytes) this.error(`${fileName} is ${gzipped} bytes gzipped, over its budget of ${maxGzipBytes}: it is embedded in other sites, keep it dependency-free.`);
    },
  };
}

export default defineConfig(({ mode }) => (mode === 'widget' ? widget : chatPage));
