import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'worker_threads', 'url'];

/** Layering (STYLE.md): shared = common, renderer = browser, main/relay = node, main/electron = electron-main. */
export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'tests/artifacts/**', 'resources/webchat/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.tests.json' })] },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src-shared', from: ['./src-main', './src-renderer', './src-relay'], message: 'src-shared is common code: it may import only src-shared.' },
            { target: './src-renderer', from: ['./src-main', './src-relay'], message: 'The renderer talks to the core through src-shared/api only.' },
            { target: './src-relay', from: ['./src-main', './src-renderer'], message: 'The relay shares only src-shared with the workstation.' },
            { target: './src-main', from: ['./src-renderer', './src-relay'], message: 'The core shares only src-shared with the relay and the renderer.' },
          ],
        },
      ],
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
    files: ['src-main/**/*.ts', 'src-relay/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.{js,mjs}', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src-main/**/*.ts', 'src-relay/**/*.ts'],
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
  // src-node: Node code shared by the core and the relay (migration runner, row codecs, JSON files).
  // Its zones live in a second instance of the zone rule, so they add to the zones above instead of
  // replacing them (a later config object's options for one rule replace the earlier ones).
  {
    plugins: { 'node-layer': { rules: { 'no-restricted-paths': importX.rules['no-restricted-paths'] } } },
    rules: {
      'node-layer/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src-node', from: ['./src-main', './src-relay', './src-renderer'], message: 'src-node is Node code shared by the core and the relay: it may import only src-shared.' },
            { target: ['./src-shared', './src-renderer'], from: './src-node', message: 'src-node is Node code: only src-main and src-relay may import it.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-node/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'src-node runs in the relay and the core under plain Node: no Electron.' }] }],
    },
  },
);
