// What every service function receives: the open database and the host's folders.
import type { Db } from './db/connection';
import type { Caller } from './host-types';

export interface Ctx {
  db: Db;
  dataDir: string;
  resourcesDir: string;
  /** Mutable: signIn/signOut change who is calling. */
  caller: Caller;
  scryptLogN: number;
}
