// A fake window.api typed by the contract: each test states what the backend answers.
import { vi } from 'vitest';
import type { Api, AppEvent, MethodName } from '../../shared/contract';
import { METHOD_NAMES } from '../../shared/contract';
import type { Result } from '../../shared/errors';

export type Answers = Partial<{ [M in MethodName]: (input: Parameters<Api[M]>[0]) => Awaited<ReturnType<Api[M]>> }>;

export function installFakeApi(answers: Answers) {
  const listeners = new Set<(e: AppEvent) => void>();
  const calls: Array<{ method: MethodName; input: unknown }> = [];
  const api = {} as Record<string, unknown>;
  for (const m of METHOD_NAMES) {
    api[m] = vi.fn(async (input: unknown): Promise<Result<unknown>> => {
      calls.push({ method: m, input });
      const answer = answers[m] as ((i: unknown) => Result<unknown>) | undefined;
      if (!answer) return { ok: false, error: { code: 'INTERNAL', message: `no fake answer for ${m}` } };
      return answer(input);
    });
  }
  api.onEvent = (l: (e: AppEvent) => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  };
  api.shell = { pickBundle: vi.fn(async () => null), pathForFile: vi.fn(async () => null) };
  Object.defineProperty(window, 'api', { value: api, configurable: true, writable: true });
  return { calls, emit: (e: AppEvent) => listeners.forEach((l) => l(e)), api: api as unknown as Api };
}
