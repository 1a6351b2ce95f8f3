import {
  EVENT_NAMES,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  METHOD_NAMES,
  type ApiEventFrame,
  type ApiResult,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type WorkstationBridge,
} from '../../src-shared/api/contract.js';

/** The parts of Electron's ipcRenderer the bridge uses. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, frame: ApiEventFrame) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, frame: ApiEventFrame) => void): unknown;
}

/**
 * The whole surface the page gets: named methods and events from the contract, over two
 * channels. The page never sees ipcRenderer or the ipc event object.
 */
export function createBridge(ipc: RendererIpc): WorkstationBridge {
  return {
    invoke<M extends MethodName>(method: M, params: MethodInput<M>): Promise<ApiResult<MethodOutput<M>>> {
      if (!METHOD_NAMES.includes(method)) return Promise.resolve(unknownMethod(method));
      return ipc.invoke(IPC_INVOKE_CHANNEL, method, params) as Promise<ApiResult<MethodOutput<M>>>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown workstation event: ${String(event).slice(0, 64)}`);
      const deliver = (_event: unknown, frame: ApiEventFrame) => {
        if (frame.event === event) listener(frame.payload as EventPayload<E>);
      };
      ipc.on(IPC_EVENT_CHANNEL, deliver);
      return () => {
        ipc.removeListener(IPC_EVENT_CHANNEL, deliver);
      };
    },
  };
}

function unknownMethod(method: unknown): ApiResult<never> {
  return { ok: false, error: { code: 'unknown_method', message: `Unknown method: ${String(method).slice(0, 64)}` } };
}
