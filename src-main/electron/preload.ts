import { contextBridge, ipcRenderer } from 'electron';
import { callNames, type AppApi } from '../shared/api';

// Exactly one function per contract call, and nothing else: no ipcRenderer, no Node.
const api = Object.fromEntries(callNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(name, input)])) as AppApi;

contextBridge.exposeInMainWorld('api', api);
