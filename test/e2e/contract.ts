// Bulk steps the UI repeats per person go straight to the test host's backend, through the same contract.
import { expect, type Page } from '@playwright/test';
import type { TestHost } from './host/server';

export interface ExpertRow {
  id: string;
  name: string;
  role: string;
}

/** Calls a contract method as whoever is signed in; throws with the error code when it is refused. */
export async function invoke<T>(host: TestHost, method: string, input: unknown): Promise<T> {
  const r = await host.backend.invoke(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/** The enrolment ceremony for each expert (the UI's ceremony has its own spec: shared-laptop). */
export async function enrolAll(host: TestHost, sessionId: string, experts: ReadonlyArray<{ id: string }>, passFor: (id: string) => string): Promise<void> {
  for (const e of experts) {
    await invoke(host, 'openEnrolment', { sessionId, expertId: e.id });
    const row = await invoke<{ keyid: string }>(host, 'enrollExpert', { sessionId, expertId: e.id, passphrase: passFor(e.id) });
    await invoke(host, 'confirmExpertKey', { sessionId, expertId: e.id, keyid: row.keyid });
  }
}

/** Opens the 25-member demo from the start screen; the chair and the first `count` other members of its roster. */
export async function openDemoCast(app: Page, host: TestHost, sessionId: string, count: number): Promise<{ chair: ExpertRow; members: ExpertRow[] }> {
  await app.getByRole('button', { name: '打开演示评审会' }).click();
  await expect(app.getByTestId('count-experts')).toContainText('25');
  const experts = await invoke<ExpertRow[]>(host, 'listExperts', { sessionId });
  return { chair: experts.find((e) => e.role === 'chair') as ExpertRow, members: experts.filter((e) => e.role !== 'chair').slice(0, count) };
}
