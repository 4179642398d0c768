// paneldesk: command-line entry for examiners and the upload side. Commands live in commands/<name>.ts.
import { pathToFileURL } from 'node:url';
import { AppError } from '../../shared/errors';
import { UsageError, type CliIo, type Command } from './command';

/** A command's name and one-line summary, and how to load it: `paneldesk --help` loads none of them. */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

// Each command (and the bundle reader, writer, crypto and zod schemas behind it) loads on first use.
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'demo', summary: 'write the demo session bundle', load: async () => (await import('./commands/demo')).demoCommand },
  {
    name: 'inspect',
    summary: 'check a session bundle or an expert sheet bundle and print what it holds (exit 0 valid, 1 invalid)',
    load: async () => (await import('./commands/inspect')).inspectCommand,
  },
  {
    name: 'verify',
    summary: 'verify a session, expert sheet or result bundle, plain or age-encrypted (exit 0 valid, 1 invalid, 2 usage)',
    load: async () => (await import('./commands/verify')).verifyCommand,
  },
  { name: 'schemas', summary: 'write the JSON Schemas of the session bundle, expert sheet bundle and result bundle documents', load: async () => (await import('./commands/schemas')).schemasCommand },
];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: paneldesk <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'paneldesk <command> --help shows the options of a command.',
  ].join('\n');
}

const defaultIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
};

/** Runs one command line (without "node" and the script) and returns the exit code. */
export async function main(args: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(usage());
    return name === undefined ? 2 : 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`paneldesk: unknown command ${JSON.stringify(name)}\n\n${usage()}`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`usage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`paneldesk ${command.name}: ${err.message}\nusage: ${command.usage}`);
      return 2;
    }
    const code = err instanceof AppError ? ` [${err.code}]` : '';
    io.err(`paneldesk ${command.name}: ${err instanceof Error ? err.message : String(err)}${code}`);
    return 1;
  }
}

/** For bin/paneldesk.mjs: runs `process.argv` and sets the exit code. */
export async function runCli(argv: readonly string[] = process.argv): Promise<void> {
  process.exitCode = await main(argv.slice(2));
}

// Run directly (tsx electron/cli/main.ts …), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runCli();
}
