import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';

// Bundled to dist/preload.cjs by scripts/build-preload.mjs: sandboxed preloads cannot load ESM or local files.
contextBridge.exposeInMainWorld('workstation', createBridge(ipcRenderer));
