// The shared-laptop flows as a person does them: the enrolment ceremony at the secretary's desk,
// signing in as an expert, and the secretary taking the desk back; and, for specs that visit every screen,
// putting someone at the desk through the backend (the same one the page uses), then a reload.
import type { Page } from '@playwright/test';
import type { TestHost } from './host/server';
import { E2E_SECRETARY_PASS, expect } from './fixtures';

/** Back to the secretary's desk from whoever is signed in (the secretary passphrase is always asked). */
export async function backToSecretary(app: Page, passphrase = E2E_SECRETARY_PASS): Promise<void> {
  if ((await app.getByTestId('current-role').textContent())?.trim() === '秘书') return;
  await app.getByTestId('switch-person').click();
  await app.getByTestId('desk-passphrase').fill(passphrase);
  await app.getByTestId('back-to-secretary').click();
  await expect(app.getByTestId('current-role')).toHaveText('秘书');
}

/**
 * The enrolment ceremony for one expert, from the secretary's set-up: the expert types their own
 * passphrase twice, the fingerprint is read aloud, the secretary confirms. Returns the fingerprint.
 */
export async function enrolInCeremony(app: Page, expertId: string, passphrase: string): Promise<string> {
  await backToSecretary(app);
  await app.getByRole('menuitem', { name: '会议准备' }).click();
  await app.getByRole('tab', { name: '专家密钥登记' }).click();
  await app.getByTestId(`enrol-${expertId}`).click();
  const ceremony = app.getByTestId('enrol-ceremony');
  await ceremony.getByTestId('passphrase-input').fill(passphrase);
  await ceremony.getByTestId('passphrase-repeat').fill(passphrase);
  await ceremony.getByTestId('identity-submit').click();
  const fingerprint = (await ceremony.getByTestId('enrol-fingerprint').textContent())?.trim() ?? '';
  expect(fingerprint).toMatch(/^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$/);
  await ceremony.getByTestId('enrol-confirm').click();
  await expect(ceremony.getByTestId('enrol-done')).toBeVisible();
  await ceremony.getByTestId('enrol-close').click();
  await expect(app.getByTestId(`key-status-${expertId}`)).toHaveText('已核对');
  return fingerprint;
}

/**
 * The examiner, at the secretary's desk, types their own passphrase (set-up → 口令), then signs in with it
 * through "switch person": a separate principal, read-only.
 */
export async function examinerSignsIn(app: Page, passphrase: string): Promise<void> {
  await app.getByRole('menuitem', { name: '会议准备' }).click();
  await app.getByRole('tab', { name: '秘书口令' }).click();
  await app.getByTestId('examiner-card').getByLabel('审核监督口令（至少 8 个字符）').fill(passphrase);
  await app.getByTestId('examiner-save').click();
  await expect(app.getByTestId('examiner-card')).toContainText('审核监督口令已保存');
  await app.getByTestId('switch-person').click();
  await app.getByTestId('examiner-passphrase').fill(passphrase);
  await app.getByTestId('sign-in-examiner').click();
  await expect(app.getByTestId('current-role')).toContainText('审核监督');
  await expect(app.getByRole('menuitem', { name: '会议准备' })).toHaveCount(0);
}

/** Signs an enrolled expert in through "switch person" (or from the lock screen). */
export async function signInExpert(app: Page, expertId: string, name: string, passphrase: string, as: 'expert' | 'chair' = 'expert'): Promise<void> {
  if (!(await app.getByTestId('lock-screen').isVisible())) await app.getByTestId('switch-person').click();
  await app.getByTestId(`sign-in-${as}-${expertId}`).click();
  await app.getByTestId('passphrase-input').fill(passphrase);
  await app.getByTestId('passphrase-input').press('Enter');
  await expect(app.getByTestId('current-role')).toContainText(name);
}

export const SESSION = 'demo-jl-xzy-2026';
export const SECRETARY_PASS = E2E_SECRETARY_PASS;
export const EXAMINER_PASS = '审核口令-a11y-2026';
export const passFor = (id: string) => `口令-${id}-a11y`;

/** fresh: nothing opened yet; expert-submitted: the expert after a first submitted sheet; locked: a locked desk. */
export type Who = 'fresh' | 'secretary' | 'expert' | 'expert-submitted' | 'chair' | 'examiner' | 'locked';

export interface Person {
  id: string;
  name: string;
}
export interface Cast {
  expert: Person;
  chair: Person;
  /** Packet number of the sheet the expert has submitted (once submitFirstSheet ran). */
  submittedPacket: string;
}

async function invoke<T>(host: TestHost, method: string, input: unknown): Promise<T> {
  const r = await host.backend.invoke(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
  return r.value as T;
}

/** The demo's chair and a member with a review group. */
export async function firstExperts(host: TestHost): Promise<Cast> {
  const all = await invoke<Array<{ id: string; name: string; role: string; groups: string[] }>>(host, 'listExperts', { sessionId: SESSION });
  const chair = all.find((e) => e.role === 'chair');
  const expert = all.find((e) => e.role === 'member' && e.groups.length > 0);
  if (!chair || !expert) throw new Error('demo lacks a chair or a member');
  return { chair: { id: chair.id, name: chair.name }, expert: { id: expert.id, name: expert.name }, submittedPacket: '' };
}

const enrolled = new WeakMap<TestHost, Set<string>>();
async function signInAs(host: TestHost, p: Person, as: 'expert' | 'chair'): Promise<void> {
  const done = enrolled.get(host) ?? new Set<string>();
  enrolled.set(host, done);
  if (!done.has(p.id)) {
    // The enrolment ceremony, through the contract: opened by the secretary, the expert's own passphrase, confirmed.
    await invoke(host, 'signInSecretary', { passphrase: E2E_SECRETARY_PASS });
    await invoke(host, 'openEnrolment', { sessionId: SESSION, expertId: p.id });
    const row = await invoke<{ keyid: string }>(host, 'enrollExpert', { sessionId: SESSION, expertId: p.id, passphrase: passFor(p.id) });
    await invoke(host, 'confirmExpertKey', { sessionId: SESSION, expertId: p.id, keyid: row.keyid });
    done.add(p.id);
  }
  await invoke(host, 'signIn', { sessionId: SESSION, expertId: p.id, passphrase: passFor(p.id), as });
}

/** Scores every item of the expert's first open dossier and submits it, through the contract. */
export async function submitFirstSheet(host: TestHost, cast: Cast): Promise<void> {
  await signInAs(host, cast.expert, 'expert');
  const rows = await invoke<Array<{ dossierId: string; packetNo: string; status: string }>>(host, 'listMyDossiers', { sessionId: SESSION });
  const row = rows.find((r) => r.status === 'unscored');
  if (!row) throw new Error('no dossier to score');
  const view = await invoke<{ standard: { items: Array<{ id: string; max: number; bands?: Array<{ score: number }> }> } }>(host, 'getScoreSheet', {
    sessionId: SESSION,
    dossierId: row.dossierId,
  });
  for (const it of view.standard.items) {
    await invoke(host, 'saveScore', { sessionId: SESSION, dossierId: row.dossierId, itemId: it.id, value: it.bands?.[0]?.score ?? it.max });
  }
  await invoke(host, 'submitSheet', { sessionId: SESSION, dossierId: row.dossierId, passphrase: passFor(cast.expert.id) });
  cast.submittedPacket = row.packetNo;
}

/** Puts `who` at the desk and reloads the page there. */
export async function actAs(app: Page, host: TestHost, who: Who, cast: Cast): Promise<void> {
  if (who !== 'fresh') await invoke(host, 'signInSecretary', { passphrase: E2E_SECRETARY_PASS });
  if (who === 'expert' || who === 'expert-submitted') await signInAs(host, cast.expert, 'expert');
  else if (who === 'chair') await signInAs(host, cast.chair, 'chair');
  else if (who === 'examiner') {
    await invoke(host, 'setExaminerPassphrase', { passphrase: EXAMINER_PASS });
    await invoke(host, 'signInExaminer', { passphrase: EXAMINER_PASS });
  } else if (who === 'locked') {
    await invoke(host, 'lockDesk', {});
  }
  await app.reload();
  if (who === 'locked') await expect(app.getByTestId('lock-screen')).toBeVisible();
  else await expect(app.getByTestId('current-role')).toBeVisible();
}
