// A backend in a child process that really owns the database, so that SIGKILL hits the process holding
// the SQLite file (not a tsx wrapper whose inner node would live on). The child is node itself with tsx
// as a loader (`node --import tsx`), so its PID is the database owner. It runs detached, as the leader of
// its own process group: tsx's esbuild helpers are in that group and are killed with it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Result } from '../../shared/errors';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const BACKEND_CHILD = path.join(import.meta.dirname, 'backend-child.ts');

/** Every PID this test process started, to prove at the end that none outlived the suite. */
const started = new Set<number>();

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    // EPERM: it exists but is not ours (a recycled PID); for our purposes it is alive.
    return true;
  }
}

/** Any process left in the process group led by `pgid`. */
export function groupAlive(pgid: number): boolean {
  return isAlive(-pgid);
}

export interface BackendChild {
  pid: number;
  /** Sends one call; resolves with the backend's answer, rejects when the process dies first. */
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /** SIGKILL to the backend itself, then to its group; resolves once both are gone (asserted). */
  kill(): Promise<void>;
  /** A one-use file token for `file`, granted by the child's host (what a dialog would answer). */
  grant(file: string, purpose: 'open' | 'save'): Promise<string>;
  exited: Promise<NodeJS.Signals | number | null>;
}

/** Starts the backend child on `dataDir` and waits for it to say it is ready. */
export async function startBackend(dataDir: string): Promise<BackendChild> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', BACKEND_CHILD, dataDir], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('backend child did not start');
  started.add(pid);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const pending = new Map<number, { resolve: (r: Result<unknown>) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let dead = false;
  let onReady: ((pid: number) => void) | null = null;
  const ready = new Promise<number>((resolve, reject) => {
    onReady = resolve;
    void exited.then((how) => reject(new Error(`backend child exited before ready (${String(how)}): ${stderr}`)));
  });
  const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
  lines.on('line', (line) => {
    let msg: { ready?: number; id?: number; result?: Result<unknown> };
    try {
      msg = JSON.parse(line) as typeof msg;
    } catch {
      return;
    }
    if (msg.ready !== undefined) onReady?.(msg.ready);
    else if (msg.id !== undefined && msg.result) {
      pending.get(msg.id)?.resolve(msg.result);
      pending.delete(msg.id);
    }
  });
  void exited.then((how) => {
    dead = true;
    for (const p of pending.values()) p.reject(new Error(`backend died (${String(how)})`));
    pending.clear();
  });
  const reported = await ready;
  // The process that opened the database is the one we spawned: no wrapper in between.
  if (reported !== pid) throw new Error(`backend reports pid ${reported}, spawned ${pid}`);
  const call = (method: string, input: unknown): Promise<Result<unknown>> => {
    if (dead) return Promise.reject(new Error('backend is dead'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      child.stdin?.write(`${JSON.stringify({ id, method, input })}\n`, (err) => {
        if (err) reject(err);
      });
    });
  };
  return {
    pid,
    exited,
    call,
    async grant(file, purpose) {
      const r = await call('grant', { path: file, purpose });
      if (!r.ok) throw new Error(`grant ${purpose} ${file}: ${r.error.code}`);
      return r.value as string;
    },
    async kill() {
      if (!dead) process.kill(pid, 'SIGKILL');
      const how = await exited;
      if (isAlive(pid)) throw new Error(`backend ${pid} is still alive after SIGKILL (exit: ${String(how)})`);
      // tsx's esbuild service processes: same group; gone with the group.
      if (groupAlive(pid)) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          /* raced with their own exit */
        }
        for (let i = 0; i < 200 && groupAlive(pid); i++) await new Promise((r) => setTimeout(r, 10));
        if (groupAlive(pid)) throw new Error(`process group ${pid} still has members after SIGKILL`);
      }
      child.stdin?.destroy();
      child.stdout?.destroy();
      child.stderr?.destroy();
    },
  };
}

/** PIDs this module started that are still alive, with members of their groups. */
export function survivors(): number[] {
  return [...started].filter((pid) => isAlive(pid) || groupAlive(pid));
}

/** Direct children of this process that are still running (Linux /proc; elsewhere none can be listed). */
export function childrenOfThisProcess(): Array<{ pid: number; cmd: string }> {
  const out: Array<{ pid: number; cmd: string }> = [];
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return out;
  }
  for (const n of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${n}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may hold spaces and parentheses, so split after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== process.pid || fields[0] === 'Z') continue;
      const cmd = fs.readFileSync(`/proc/${n}/cmdline`, 'utf8').split('\0').join(' ').trim();
      out.push({ pid: Number(n), cmd });
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/** Our node children (backends), whatever started them: none may remain after a suite. */
export function strayNodeChildren(): Array<{ pid: number; cmd: string }> {
  return childrenOfThisProcess().filter((c) => c.cmd.includes(BACKEND_CHILD) || /(^|\/)node(\s|$)/.test(c.cmd.split(' ')[0] ?? ''));
}
