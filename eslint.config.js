import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';
import { readdirSync } from 'node:fs';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'worker_threads', 'url'];

/**
 * The import-x/no-restricted-paths zones are lists here, and each block that sets the rule names every
 * list that applies to its files: ESLint takes a rule's options from the last config object that sets
 * it, so a block that named only its own zones would silently drop the others.
 * The layers, and what each may import, are drawn in docs/architecture.md.
 */
const LAYERS_DOC = 'See docs/architecture.md, "Layers".';

/** Walls between processes: each shares only src-shared (and the Node sides src-node). */
const processWalls = [
  { target: './src-shared', from: ['./src-main', './src-renderer', './src-relay', './src-node'], message: `src-shared is common code: it may import only src-shared. ${LAYERS_DOC}` },
  { target: './src-renderer', from: ['./src-main', './src-relay', './src-node'], message: `The renderer talks to the core through src-shared/api only. ${LAYERS_DOC}` },
  { target: './src-relay', from: ['./src-main', './src-renderer'], message: `The relay shares only src-shared and src-node with the workstation. ${LAYERS_DOC}` },
  { target: './src-main', from: ['./src-renderer', './src-relay'], message: `The core shares only src-shared and src-node with the relay, and only src-shared/api with the renderer. ${LAYERS_DOC}` },
  { target: './src-webchat', from: ['./src-main', './src-renderer', './src-relay', './src-node'], message: `The customer's pages run in their browser: they share only src-shared (the web-chat and voice protocols) with the relay. ${LAYERS_DOC}` },
  { target: ['./src-shared', './src-main', './src-renderer', './src-relay', './src-node', './tests'], from: './src-webchat', message: `src-webchat is the customer's browser code, built on its own by vite.webchat.config.ts: put what both sides need in src-shared. ${LAYERS_DOC}` },
];

/** src-node: Node code shared by the core and the relay (migration runners for SQLite and PostgreSQL, opening, row codecs, JSON files). */
const nodeZones = [
  { target: './src-node', from: ['./src-main', './src-relay', './src-renderer'], message: `src-node is Node code shared by the core and the relay: it may import only src-shared. ${LAYERS_DOC}` },
];

/** Folders of one process, as ./paths. */
const under = (side, names) => names.map((name) => `./${side}/${name}`);

/**
 * Floors inside the core (src-main): store < sync, ai, kb < core (services and the composition
 * root) < hosts (electron, web-host, host). A floor imports only the floors below it. desktop/
 * holds the desktop shell's pure rules (badges, links, update policy): it imports no floor at all.
 */
const mainFloors = [
  { target: under('src-main', ['desktop']), from: under('src-main', ['store', 'sync', 'ai', 'kb', 'core', 'electron', 'web-host', 'host']), message: `desktop/ holds the desktop shell's rules as plain functions over plain values, tested under Node: take what they need as a parameter. ${LAYERS_DOC}` },
  { target: under('src-main', ['store']), from: under('src-main', ['sync', 'ai', 'kb', 'core', 'desktop', 'electron', 'web-host', 'host']), message: `store/ is the core's lowest floor (the SQLite cache): it imports no other floor of the core. ${LAYERS_DOC}` },
  { target: under('src-main', ['sync', 'ai', 'kb']), from: under('src-main', ['core', 'electron', 'web-host', 'host']), message: `sync/, ai/ and kb/ sit below the core services: take what they need as a parameter, or move the code up into core/. ${LAYERS_DOC}` },
  { target: under('src-main', ['core']), from: under('src-main', ['desktop', 'electron', 'web-host', 'host']), message: `core/ runs under both hosts and imports neither: the hosts build it and pass it what it needs. ${LAYERS_DOC}` },
];

/**
 * Floors inside the relay: storage < log and bus < domain rules < transports (sync, webchat, http,
 * sockets, and the telephony webhooks). A transport parses, dispatches and acknowledges; a rule
 * never reaches back into a transport.
 */
const relayDomain = ['auth', 'conversations', 'knowledge', 'presence', 'routing', 'supervision', 'privacy', 'voice', 'demo', 'files', 'customers'];
const relayTransports = ['sync', 'webchat', 'http', 'sockets', 'telephony', 'ops', 'channels', 'email'];
const relayFloors = [
  { target: under('src-relay', ['storage']), from: [...under('src-relay', ['log', 'bus', ...relayDomain, ...relayTransports]), './src-relay/relay-core.ts', './src-relay/relay-rule.ts'], message: `storage/ is the relay's lowest floor: it imports no other floor of the relay. ${LAYERS_DOC}` },
  { target: under('src-relay', ['log', 'bus']), from: under('src-relay', [...relayDomain, ...relayTransports]), message: `log/ and bus/ sit below the domain rules: they record and publish changes, they decide none. ${LAYERS_DOC}` },
  { target: under('src-relay', relayDomain), from: under('src-relay', relayTransports), message: `A domain rule never reaches into a transport (sync, webchat, http, sockets, telephony, channels, email) or ops/: the transport calls the rule and answers. ${LAYERS_DOC}` },
];

/**
 * Floors inside the renderer: state/ < feature folders < app/.
 * - state/ holds what every feature shares: the api client and host bridges, the store plumbing
 *   (store-context, coalesced), and the stores several features read (session, inbox,
 *   conversation). It imports no other renderer folder.
 * - A feature folder holds its screens and its own store (`*-store.ts`, with its hooks). Another
 *   feature reads that store only where it really depends on the feature: rendererStoreReaders.
 * - app/ composes every store and screen; only main.tsx imports it.
 */
const rendererFolders = readdirSync(new URL('./src-renderer/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const rendererFeatures = rendererFolders.filter((name) => !['app', 'state', 'public'].includes(name));
/** Whose store, besides its own, a feature may read, and why. */
const rendererStoreReaders = {
  // The top bar opens and closes the live view; a supervisor assigns from the conversation header.
  supervisor: ['session', 'conversation'],
  // The colleague directory, kept by the mentions store, names whom a call can be handed to.
  conversation: ['softphone'],
};
const rendererZones = [
  {
    target: './src-renderer/state',
    from: rendererFolders.filter((name) => name !== 'state').map((name) => `./src-renderer/${name}`),
    message:
      'state/ is shared by every feature and imports none: put a store that one feature uses in that feature\'s folder, and move a type that a shared store needs into state/ (or src-shared if it crosses the api).',
  },
  {
    target: rendererFolders.filter((name) => name !== 'app').map((name) => `./src-renderer/${name}`),
    from: './src-renderer/app',
    message: 'app/ is the composition root and imports the features, not the other way round: read a store through the hooks of its own module (e.g. useSoftphone from softphone/softphone-store.ts).',
  },
  ...rendererFeatures.map((feature) => ({
    target: rendererFeatures.filter((name) => name !== feature && !(rendererStoreReaders[feature] ?? []).includes(name)).map((name) => `./src-renderer/${name}`),
    from: `./src-renderer/${feature}/*-store.ts`,
    message: `The ${feature} store belongs to src-renderer/${feature}. Use a component or function that feature exports, move the state into state/ if several features share it, or, if this feature really depends on ${feature}, add it to rendererStoreReaders in eslint.config.js with the reason.`,
  })),
];

/** Layering (docs/architecture.md, docs/conventions.md): shared = common, renderer and webchat = browser, main, relay and node = Node, main/electron = electron-main. */
export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'tests/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.tests.json' })] },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': ['error', { zones: [...processWalls, ...nodeZones, ...rendererZones] }],
    },
  },
  {
    // The floors inside the core and the relay bind the code they ship; a test may set up its
    // scene through a higher floor of its own process (a seeded company, a push), never another process.
    files: ['src-main/**/*.ts', 'src-relay/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testing/**'],
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [...processWalls, ...nodeZones, ...mainFloors, ...relayFloors] }],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'src-shared must run everywhere: no Electron.' },
            { name: 'react', message: 'src-shared must run everywhere: no React.' },
          ],
          patterns: [{ group: nodeBuiltins, message: 'src-shared must run everywhere: no Node built-ins; put this in src-main or src-relay.' }],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer has no Electron: call the api through the bridge (src-renderer/state/api-client.ts).' }],
          patterns: [{ group: [...nodeBuiltins, 'better-sqlite3', 'ws'], message: 'The renderer has no Node: ask the core through src-shared/api.' }],
        },
      ],
    },
  },
  {
    files: ['src-webchat/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: "The customer's pages run in their browser: no Electron." },
            { name: 'react', message: "The customer's pages are plain DOM code, kept small: no React." },
          ],
          patterns: [{ group: [...nodeBuiltins, 'better-sqlite3', 'ws'], message: "The customer's pages run in their browser: no Node." }],
        },
      ],
    },
  },
  {
    files: ['src-webchat/widget/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportDeclaration, ImportExpression', message: "The widget runs on other companies' pages and must stay small: it imports nothing (not even src-shared, which brings zod)." },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts', 'src-relay/**/*.ts', 'src-node/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.{js,mjs}', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src-main/**/*.ts', 'src-relay/**/*.ts', 'src-node/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only src-main/electron may import Electron; the core must run under plain Node too.' }] }],
    },
  },
  {
    files: ['src-main/electron/**/*.ts'],
    ignores: ['src-main/electron/ipc.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportSpecifier[imported.name='ipcMain']", message: 'ipcMain is used in src-main/electron/ipc.ts only, where every call is checked.' },
      ],
    },
  },
);
