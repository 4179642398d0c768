// Progress of a bundle read, by bytes and by files; throttled by bytes so a multi-GB read stays cheap.
export type ReadPhase = 'checking' | 'reading' | 'attachments';

export interface ReadProgress {
  phase: ReadPhase;
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
}

const BYTE_STEP = 4 * 1024 * 1024;

export class ProgressTracker {
  phase: ReadPhase = 'checking';
  bytesDone = 0;
  bytesTotal = 0;
  filesDone = 0;
  filesTotal = 0;
  private reportedBytes = 0;

  constructor(private readonly onProgress?: (p: ReadProgress) => void) {}

  /** Central-directory walk: files count records, no bytes yet. */
  checking(recordsDone: number, records: number): void {
    this.onProgress?.({ phase: 'checking', bytesDone: 0, bytesTotal: 0, filesDone: recordsDone, filesTotal: records });
  }

  start(bytesTotal: number, filesTotal: number): void {
    this.bytesTotal = bytesTotal;
    this.filesTotal = filesTotal;
  }

  enter(phase: ReadPhase): void {
    this.phase = phase;
    this.emit();
  }

  bytes(n: number): void {
    this.bytesDone += n;
    if (this.bytesDone - this.reportedBytes >= BYTE_STEP) this.emit();
  }

  fileDone(): void {
    this.filesDone++;
    this.emit();
  }

  private emit(): void {
    this.reportedBytes = this.bytesDone;
    const { phase, bytesDone, bytesTotal, filesDone, filesTotal } = this;
    this.onProgress?.({ phase, bytesDone, bytesTotal, filesDone, filesTotal });
  }
}
