// The backend as seen by its hosts (Electron utility process, browser test host, CLI).
import type { Readable } from 'node:stream';
import type { AppEvent } from '../../shared/contract';
import type { FilePurpose } from '../../shared/file-token';
import type { Result } from '../../shared/errors';
import type { AppInfo, Role } from '../../shared/types';

export interface HostOptions {
  /** Folder holding paneldesk.sqlite and blobs/; created if missing. */
  dataDir: string;
  /** Folder holding demo/demo-session.pdbundle and schemas/. */
  resourcesDir: string;
  host: AppInfo['host'];
  appVersion: string;
  /** better-sqlite3 native binding for Electron's ABI (see scripts/electron-native.mjs). */
  nativeBinding?: string | undefined;
  /** scrypt cost for new expert keys, as log2(N); tests lower it. Default 17. */
  scryptLogN?: number | undefined;
  /**
   * Demo only (`paneldesk demo --completed`): each expert's Ed25519 seed derived from the demo seed instead of drawn
   * at random, so the demo meeting is reproducible. Anyone knowing the seed can rebuild those keys; the app never sets it.
   */
  demoKeySeed?: ((sessionId: string, expertId: string) => Uint8Array) | undefined;
}

/** Who is calling; the host decides, never the renderer. */
export interface Caller {
  role: Role;
  /** Set for an expert or the chair: who signed in, in which session. */
  expertId?: string | undefined;
  sessionId?: string | undefined;
}

export interface BackendHost {
  /** Validates `method` and `input` against the contract; never throws. */
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
  close(): void;
  // ---- host-level, outside the contract: only Electron main or the test host calls these ----
  /** A one-use token for a file the host's dialog (or a drop) produced; the renderer passes it instead of a path. */
  grantFile(path: string, purpose: FilePurpose): string;
  /** The bytes behind an attachment capability (openAttachment's URL), if it is live and the current person's; else null. */
  serveAttachment(capability: string): Promise<{ stream: Readable; size: number } | null>;
  /** Forgets every attachment capability (the dispatcher also does it whenever the principal changes). */
  revokeCapabilities(): void;
}
