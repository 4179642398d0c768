// The renderer keeps a dialog's first token as the file's handle; call() swaps in the backend's successor
// tokens, so a retry (passphrase, skip problem rows, apply after preview) reaches the same file, each token once.
import { describe, expect, it } from 'vitest';
import { call } from '../../renderer/api/client';
import { installFakeApi } from './fake-api';

describe('renderer/api/client: file token successors', () => {
  it('passes the latest successor for a handle and keeps other inputs as they are', async () => {
    let n = 0;
    const seen: unknown[] = [];
    const { api } = installFakeApi({});
    // A backend that spends each token and answers a successor, as electron/backend/host.ts does.
    (api as unknown as Record<string, unknown>).previewSheetMerge = async (input: { path: string }) => {
      seen.push(input);
      n += 1;
      return { ok: true, value: { n }, renewed: { path: `ft_next${n}` } };
    };
    await call('previewSheetMerge', { sessionId: 'S1', path: 'ft_first' });
    await call('previewSheetMerge', { sessionId: 'S1', path: 'ft_first' });
    await call('previewSheetMerge', { sessionId: 'S1', path: 'ft_first' });
    expect(seen).toEqual([
      { sessionId: 'S1', path: 'ft_first' },
      { sessionId: 'S1', path: 'ft_next1' },
      { sessionId: 'S1', path: 'ft_next2' },
    ]);
  });

  it('leaves a handle alone when the call failed (the user picks the file again)', async () => {
    const seen: unknown[] = [];
    const { api } = installFakeApi({});
    (api as unknown as Record<string, unknown>).importExcel = async (input: unknown) => {
      seen.push(input);
      return { ok: false, error: { code: 'FILE_TOKEN_INVALID', message: 'used', details: { field: 'path', reason: 'used' } } };
    };
    const input = { sessionId: 'S1', kind: 'roster' as const, path: 'ft_other', skipProblemRows: false };
    await expect(call('importExcel', input)).rejects.toMatchObject({ shape: { code: 'FILE_TOKEN_INVALID' } });
    await expect(call('importExcel', input)).rejects.toMatchObject({ shape: { code: 'FILE_TOKEN_INVALID' } });
    expect(seen).toEqual([input, input]);
  });
});
