// Small helpers of the benchmark: latency summaries, units and plain-text tables.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

/** Nearest-rank percentile of milliseconds. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summarize(ms: readonly number[]): Latency {
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, p50: round(percentile(s, 50)), p95: round(percentile(s, 95)), max: round(s.at(-1) ?? Number.NaN) };
}

/** The middle value; the mean of the two middle ones for an even count. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length / 2;
  return Number.isInteger(mid) ? ((s[mid - 1] as number) + (s[mid] as number)) / 2 : (s[Math.floor(mid)] as number);
}

/** Runs `f` `n` times one after the other (never concurrently: each run is timed). */
export async function repeat<T>(n: number, f: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return out;
}

/** Three significant-ish decimals: enough for ms and ratios, short in JSON. */
export function round(x: number, digits = 3): number {
  return Number(x.toFixed(digits));
}

/** Throughput in MB/s (10^6 bytes). */
export const mbPerSec = (bytes: number, ms: number): number => round(bytes / 1e6 / (ms / 1000), 2);
/** Milliseconds for a table: whole above 100, else two decimals. */
export const fmtMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(2));
export const mib = (kib: number): number => round(kib / 1024, 1);

export function printTable(title: string, head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): void {
  const cells = [head, ...rows].map((r) => r.map(String));
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(`\n${title}`);
  console.log(line(cells[0] as string[]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) console.log(line(r));
}

/** A temp folder that the caller removes with `rmTmp`. */
export function mkTmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `paneldesk-bench-${prefix}-`));
}

export function rmTmp(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
