// A fake `electron` module for main/preload tests: records what our code asks of Electron.
// Use: vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron());
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
    public processId = 7,
    public routingId = 1,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  mainFrame: FakeFrame;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler;
  });
  send = vi.fn();
  /** Print pipeline: what the page answers to main's probe, and the PDF bytes Chromium returns. */
  executeJavaScript = vi.fn(async (_code: string, _userGesture?: boolean): Promise<unknown> => null);
  printToPDF = vi.fn(async (_options: Record<string, unknown>): Promise<Buffer> => Buffer.from('%PDF-1.7 fake'));
  constructor(url = 'app://paneldesk/index.html') {
    super();
    this.mainFrame = new FakeFrame(url);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }
  webContents = new FakeWebContents();
  destroyed = false;
  loadURL = vi.fn(async (_url: string) => undefined);
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  isMinimized = vi.fn(() => false);
  destroy = vi.fn(() => {
    this.destroyed = true;
  });
  constructor(public options: Record<string, unknown> = {}) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeUtilityProcess extends EventEmitter {
  postMessage = vi.fn();
  kill = vi.fn(() => true);
  constructor(
    public modulePath: string,
    public args: string[] | undefined,
    public options: Record<string, unknown> | undefined,
  ) {
    super();
  }
}

/** A cancellable Electron event. */
export function fakeEvent<T extends object>(extra: T = {} as T): T & { preventDefault: ReturnType<typeof vi.fn>; defaultPrevented: () => boolean } {
  let prevented = false;
  return Object.assign(
    {
      preventDefault: vi.fn(() => {
        prevented = true;
      }),
      defaultPrevented: () => prevented,
    },
    extra,
  );
}

function createState() {
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    singleInstance: true,
    whenReady: vi.fn(() => ready),
    requestSingleInstanceLock: vi.fn((): boolean => app.singleInstance),
    quit: vi.fn(),
    enableSandbox: vi.fn(),
    getAppPath: vi.fn(() => '/opt/paneldesk'),
    getPath: vi.fn((name: string) => `/home/user/.config/paneldesk-${name}`),
    getVersion: vi.fn(() => '0.1.0'),
    getLocale: vi.fn(() => 'zh-CN'),
  });
  const ipcHandlers = new Map<string, (...args: unknown[]) => unknown>();
  const forks: FakeUtilityProcess[] = [];
  const ipcRenderer = Object.assign(new EventEmitter(), { invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => undefined) });
  return {
    resolveReady: () => resolveReady(),
    ipcHandlers,
    forks,
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    ipcMain: {
      handle: vi.fn((channel: string, handler: (...args: unknown[]) => unknown) => {
        ipcHandlers.set(channel, handler);
      }),
      removeHandler: vi.fn((channel: string) => {
        ipcHandlers.delete(channel);
      }),
    },
    dialog: {
      showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
      showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
      showErrorBox: vi.fn(),
      showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
    },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
    utilityProcess: {
      fork: vi.fn((modulePath: string, args?: string[], options?: Record<string, unknown>) => {
        const child = new FakeUtilityProcess(modulePath, args, options);
        forks.push(child);
        return child;
      }),
    },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer,
    webUtils: { getPathForFile: vi.fn((_file: unknown) => '') },
  };
}

export type FakeElectronState = ReturnType<typeof createState>;

let state: FakeElectronState | null = null;

export type FakeElectronModule = FakeElectronState & { default: FakeElectronState; __reset(): void };

/**
 * The module the mock returns. Vitest caches a mock factory's result even across vi.resetModules(),
 * so __reset() swaps in fresh state in place (imports read the module's properties at use).
 */
export function fakeElectron(): FakeElectronModule {
  const mod = {} as FakeElectronModule;
  const reset = (): void => {
    FakeBrowserWindow.instances = [];
    state = createState();
    Object.assign(mod, state, { default: state, __reset: reset });
  };
  reset();
  return mod;
}

/** The state behind the currently mocked module. */
export function electronState(): FakeElectronState {
  if (!state) throw new Error('electron is not mocked in this test file');
  return state;
}
