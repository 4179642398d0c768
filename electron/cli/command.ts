// What a CLI command is; each lives in commands/<name>.ts and is registered in main.ts.
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Folder that relative paths are resolved against. */
  cwd: string;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code: 0 ok, 1 failure, 2 usage error (thrown as UsageError). */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Bad arguments: main prints the message and the command's usage, and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A whole decimal number within [min, max], or a UsageError naming the option. */
export function intOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, got ${JSON.stringify(value)}`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`--${name} must be from ${min} to ${max}, got ${value}`);
  return n;
}
