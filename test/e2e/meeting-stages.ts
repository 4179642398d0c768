// The meeting, brought step by step to the state a screen needs (for the axe table and the keyboard spec): the
// chair is at the desk (actAs 'chair'); the members are enrolled, check in, sign, vote and enter paper counts
// through the contract, as they would at the desk. Stages only move forward, once per host.
import type { Page } from '@playwright/test';
import type { TestHost } from './host/server';
import { E2E_SECRETARY_PASS, expect } from './fixtures';
import { passFor, SESSION, type Cast } from './roles';
import { invoke } from './contract';

export const STAGES = ['checkin', 'commitments', 'rounds', 'voting', 'paper', 'paperSecond', 'results', 'cosigned'] as const;
export type Stage = (typeof STAGES)[number];

interface World {
  stage: number;
  members: Array<{ id: string; name: string }>;
  dossiers: string[];
  paperRound: string;
}
const worlds = new WeakMap<TestHost, World>();

/** Two dossiers' paper counts for 17 present; `typo` changes one count (as a mistyped second entry). */
export function paperCounts(dossiers: string[], typo = false) {
  return dossiers.map((dossierId, i) => ({ dossierId, issued: 17, returned: 17, valid: 17, invalid: 0, agree: typo && i === 0 ? 11 : 12, disagree: typo && i === 0 ? 4 : 3, abstain: 2 }));
}

/** The chair's meeting screen with the meeting at `stage` (the chair must be at the desk already). */
export async function meetingAt(app: Page, host: TestHost, cast: Cast, stage: Stage): Promise<World> {
  let w = worlds.get(host);
  if (!w) {
    const all = await invoke<Array<{ id: string; name: string; role: string }>>(host, 'listExperts', { sessionId: SESSION });
    const members = all.filter((e) => e.role !== 'chair').slice(0, 16);
    const dossiers = (await invoke<{ rows: Array<{ id: string }> }>(host, 'listDossiers', { sessionId: SESSION, specialty: '网络营销' })).rows.map((r) => r.id);
    // Enrolment is the secretary's: the members' keys, then the chair back at the desk.
    await invoke(host, 'signInSecretary', { passphrase: E2E_SECRETARY_PASS });
    for (const e of members) {
      // The member already at the desk earlier in the table has a key (enrolled by roles.ts with the same passFor).
      const opened = await host.backend.invoke('openEnrolment', { sessionId: SESSION, expertId: e.id });
      if (!opened.ok && opened.error.code === 'AUTH_KEY_EXISTS') continue;
      if (!opened.ok) throw new Error(`openEnrolment: ${opened.error.code}`);
      const row = await invoke<{ keyid: string }>(host, 'enrollExpert', { sessionId: SESSION, expertId: e.id, passphrase: passFor(e.id) });
      await invoke(host, 'confirmExpertKey', { sessionId: SESSION, expertId: e.id, keyid: row.keyid });
    }
    await invoke(host, 'signIn', { sessionId: SESSION, expertId: cast.chair.id, passphrase: passFor(cast.chair.id), as: 'chair' });
    for (const e of members.slice(0, 14)) await invoke(host, 'checkIn', { sessionId: SESSION, expertId: e.id, passphrase: passFor(e.id) });
    w = { stage: 0, members, dossiers, paperRound: '' };
    worlds.set(host, w);
  }
  const target = STAGES.indexOf(stage);
  const people = [cast.chair, ...w.members];
  const [teller, scrutineer] = [w.members[0] as { id: string }, w.members[1] as { id: string }];
  while (w.stage < target) {
    const next = STAGES[w.stage + 1] as Stage;
    if (next === 'commitments') {
      for (const e of [cast.chair, ...w.members.slice(14)]) await invoke(host, 'checkIn', { sessionId: SESSION, expertId: e.id, passphrase: passFor(e.id) });
      await invoke(host, 'openMeeting', { sessionId: SESSION });
      await invoke(host, 'designateOfficers', { sessionId: SESSION, tellerId: teller.id, scrutineerId: scrutineer.id });
    } else if (next === 'rounds') {
      for (const e of people) await invoke(host, 'signCommitment', { sessionId: SESSION, expertId: e.id, passphrase: passFor(e.id) });
    } else if (next === 'voting') {
      await invoke(host, 'openBallotRound', { sessionId: SESSION, dossierIds: w.dossiers.slice(0, 3) });
    } else if (next === 'paper') {
      const r = (await invoke<{ rounds: Array<{ id: string; status: string }> }>(host, 'getMeeting', { sessionId: SESSION })).rounds.find((x) => x.status === 'open');
      if (r) await invoke(host, 'closeBallotRound', { sessionId: SESSION, roundId: r.id });
      w.paperRound = (await invoke<{ id: string }>(host, 'openBallotRound', { sessionId: SESSION, dossierIds: w.dossiers.slice(3, 5), paper: true })).id;
    } else if (next === 'paperSecond') {
      await invoke(host, 'enterPaperCounts', { sessionId: SESSION, roundId: w.paperRound, entrantId: teller.id, passphrase: passFor(teller.id), counts: paperCounts(w.dossiers.slice(3, 5)) });
    } else if (next === 'results') {
      await invoke(host, 'enterPaperCounts', { sessionId: SESSION, roundId: w.paperRound, entrantId: scrutineer.id, passphrase: passFor(scrutineer.id), counts: paperCounts(w.dossiers.slice(3, 5)) });
    } else if (next === 'cosigned') {
      for (const e of [teller, scrutineer]) await invoke(host, 'coSignCounts', { sessionId: SESSION, expertId: e.id, passphrase: passFor(e.id) });
    }
    w.stage++;
  }
  await app.reload();
  await app.locator('.app-nav [data-menu-id$="-meeting"]').click();
  await expect(app.getByTestId('meeting-screen')).toBeVisible();
  return w;
}
