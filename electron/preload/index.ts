// The preload: window.api, derived from the contract. The page never gets ipcRenderer or an IPC event.
// Bundled into one CommonJS file (vite.preload.config.ts): a sandboxed preload cannot require local files.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRenderer, WebUtils } from 'electron';
import { METHOD_NAMES } from '../../shared/contract';
import type { Api, AppEvent, ShellApi } from '../../shared/contract';
import { fail } from '../../shared/errors';
import type { Result } from '../../shared/errors';
import { IPC_EVENT, IPC_INVOKE, IPC_SHELL } from '../../shared/ipc';
import type { PrintRequest } from '../../shared/print';

export type PreloadIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;
export type PreloadWebUtils = Pick<WebUtils, 'getPathForFile'>;

export function buildApi(ipc: PreloadIpc, utils: PreloadWebUtils): Api {
  const call = (method: string, input: unknown): Promise<Result<unknown>> =>
    (ipc.invoke(IPC_INVOKE, method, input) as Promise<Result<unknown>>).catch((err: unknown) =>
      fail('INTERNAL', `IPC failed: ${String(err)}`),
    );

  // A dialog that fails (or answers anything but a path) counts as cancelled.
  const shellCall = async (action: string, ...args: unknown[]): Promise<string | null> => {
    const picked: unknown = await (ipc.invoke(IPC_SHELL, action, ...args) as Promise<unknown>).catch(() => null);
    return typeof picked === 'string' ? picked : null;
  };

  const methods: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
  for (const name of METHOD_NAMES) methods[name] = (input) => call(name, input);

  const api = {
    ...methods,
    onEvent(listener: (event: AppEvent) => void): () => void {
      // Only the payload crosses; the IpcRendererEvent (with its sender) stays here.
      const handler = (_event: unknown, payload: AppEvent): void => listener(payload);
      ipc.on(IPC_EVENT, handler);
      return () => {
        ipc.removeListener(IPC_EVENT, handler);
      };
    },
    shell: {
      pickBundle: () => shellCall('pickBundle'),
      pickExcel: () => shellCall('pickExcel'),
      pickSavePath: (suggestedName: string) => shellCall('pickSavePath', suggestedName),
      // The path stays here and in main: the page gets a one-use open token for it.
      pathForFile: async (file: { readonly name: string; readonly size: number }): Promise<string | null> => {
        let dropped: string;
        try {
          dropped = utils.getPathForFile(file as File);
        } catch {
          return null;
        }
        return dropped ? shellCall('grantDropped', dropped) : null;
      },
      printToPdf: async (request: PrintRequest): Promise<Result<{ file: string } | null>> => {
        const res: unknown = await (ipc.invoke(IPC_SHELL, 'printToPdf', request) as Promise<unknown>).catch((err: unknown) => fail('PRINT_FAILED', String(err)));
        return typeof res === 'object' && res !== null && 'ok' in res ? (res as Result<{ file: string } | null>) : fail('PRINT_FAILED', 'no answer');
      },
    } satisfies ShellApi,
  };
  return api as unknown as Api;
}

contextBridge.exposeInMainWorld('api', buildApi(ipcRenderer, webUtils));
