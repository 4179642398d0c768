// node:util parseArgs, with its errors turned into usage errors.
import { parseArgs } from 'node:util';
import { UsageError } from './command';

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;
type Values<O extends OptionSpec> = { [K in keyof O]?: O[K]['type'] extends 'string' ? string : boolean };

export function parseCommandArgs<O extends OptionSpec>(args: string[], options: O): Values<O> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Values<O>;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}
