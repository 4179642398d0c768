// Long jobs (import, export, verify): an id, a cancel switch, and progress/done/failed events.
import { randomUUID } from 'node:crypto';
import type { AppEvent, JobKind, JobResults } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { toAppError } from './errors';

export interface JobProgress {
  phase: string;
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
}

export class Jobs {
  private readonly running = new Map<string, { ctl: AbortController; owner: string }>();
  private readonly done = new Set<Promise<unknown>>();

  /** `owner` names the principal calling now (electron/backend/principal.ts): a job may be cancelled only by whoever started it. */
  constructor(
    private readonly emit: (e: AppEvent) => void,
    private readonly owner: () => string = () => '',
  ) {}

  start<K extends JobKind>(kind: K, run: (signal: AbortSignal, progress: (p: JobProgress) => void) => Promise<JobResults[K]>): string {
    const jobId = randomUUID();
    const ctl = new AbortController();
    this.running.set(jobId, { ctl, owner: this.owner() });
    let last = 0;
    const progress = (p: JobProgress): void => {
      // At most ~20 events a second: the UI needs no more.
      const now = Date.now();
      if (now - last < 50 && p.bytesDone < p.bytesTotal) return;
      last = now;
      this.emit({ type: 'job.progress', jobId, kind, ...p });
    };
    const p = run(ctl.signal, progress)
      .then((result) => this.emit({ type: 'job.done', jobId, kind, result } as AppEvent))
      .catch((err: unknown) => this.emit({ type: 'job.failed', jobId, kind, error: toAppError(err).toShape() }))
      .finally(() => {
        this.running.delete(jobId);
        this.done.delete(p);
      });
    this.done.add(p);
    return jobId;
  }

  cancel(jobId: string): boolean {
    const job = this.running.get(jobId);
    if (!job) throw new AppError('JOB_NOT_FOUND', `no running job ${jobId}`, { field: 'jobId', actual: jobId });
    if (job.owner !== this.owner()) throw new AppError('CONTRACT_FORBIDDEN', `job ${jobId} was started by someone else`, { field: 'jobId', reason: 'not_owner' });
    job.ctl.abort();
    return true;
  }

  /** Waits for every job to settle (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.done]);
  }

  abortAll(): void {
    for (const { ctl } of this.running.values()) ctl.abort();
  }
}
