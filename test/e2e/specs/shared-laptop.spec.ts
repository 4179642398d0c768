// A day on one shared laptop: the secretary sets the passphrase at first run, three experts enrol in the
// ceremony, an expert tries another expert's dossier and a recused one, the desk locks itself when idle,
// and an examiner signs in separately.
import { E2E_SECRETARY_PASS, expect, setUpDesk, shot, test } from '../fixtures';
import { backToSecretary, enrolInCeremony, examinerSignsIn, signInExpert } from '../roles';

const SESSION = 'demo-jl-xzy-2026';

interface Expert {
  id: string;
  name: string;
  role: string;
  groups: string[];
}

test('first run, three enrolments, dossier access by assignment, idle lock and a separate examiner', async ({ firstRun: app, host }) => {
  test.setTimeout(180_000);
  await expect(app.getByTestId('first-run')).toContainText('首次使用：设置秘书口令');
  await shot(app, '01-first-run');
  // Nothing of the desk is reachable before the passphrase is set.
  await expect(app.getByTestId('switch-person')).toHaveCount(0);
  expect(await app.evaluate(async () => (await window.api.openDemo({})).ok)).toBe(false);
  await setUpDesk(app);
  await app.getByRole('button', { name: '打开演示评审会' }).click();
  await expect(app.getByTestId('count-dossiers')).toContainText('30');

  const experts = (await host.backend.invoke('listExperts', { sessionId: SESSION })) as { ok: true; value: Expert[] };
  const conflicts = (await host.backend.invoke('listConflicts', { sessionId: SESSION })) as { ok: true; value: { conflicts: Array<{ expertId: string; dossierId: string; status: string }> } };
  const recusal = conflicts.value.conflicts.find((c) => c.status === 'confirmed') as { expertId: string; dossierId: string };
  const recused = experts.value.find((e) => e.id === recusal.expertId) as Expert;
  const others = experts.value.filter((e) => e.role === 'member' && e.id !== recused.id).slice(0, 2);
  const three = [recused, ...others];
  const dossiers = (await host.backend.invoke('listDossiers', { sessionId: SESSION })) as { ok: true; value: { rows: Array<{ id: string; groupId: string; name: string }> } };
  const unassigned = dossiers.value.rows.find((d) => !recused.groups.includes(d.groupId)) as { id: string; name: string };

  for (const e of three) await enrolInCeremony(app, e.id, `口令-${e.id}-2026`);
  await shot(app, '02-enrolment-ceremony-done');
  // A second key for an enrolled expert needs a revocation first: the ceremony will not open.
  await expect(app.getByTestId(`enrol-${recused.id}`)).toHaveCount(0);

  await signInExpert(app, recused.id, recused.name, `口令-${recused.id}-2026`);
  await expect(app.getByTestId('my-dossiers')).toBeVisible();
  // The recused dossier is listed greyed with its reason; it cannot be opened, read or searched.
  await expect(app.locator(`[data-testid="my-dossier-row"][data-status="recused"]`).first()).toBeVisible();
  const probes = await app.evaluate(
    async ([sessionId, recusedId, otherId]) => {
      const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);
      return {
        recused: code(await window.api.getDossier({ sessionId, dossierId: recusedId })),
        other: code(await window.api.getDossier({ sessionId, dossierId: otherId })),
        sheet: code(await window.api.getScoreSheet({ sessionId, dossierId: otherId })),
        listed: await window.api.listDossiers({ sessionId }).then((r) => (r.ok ? r.value.rows.map((x) => x.id) : [])),
      };
    },
    [SESSION, recusal.dossierId, unassigned.id] as const,
  );
  expect(probes.recused).toBe('DOSSIER_FORBIDDEN');
  expect(probes.other).toBe('DOSSIER_FORBIDDEN');
  expect(probes.sheet).toBe('SCORE_NOT_ASSIGNED');
  expect(probes.listed).not.toContain(recusal.dossierId);
  expect(probes.listed).not.toContain(unassigned.id);
  // Another expert's secretary-only data: refused.
  const forbidden = await app.evaluate(async (sessionId) => (await window.api.listConflicts({ sessionId })).ok, SESSION);
  expect(forbidden).toBe(false);

  // Idle: the desk locks itself and says why; the expert's passphrase is needed again.
  await app.clock.install();
  await app.keyboard.press('Shift');
  await app.clock.fastForward(11 * 60_000);
  await expect(app.getByTestId('lock-screen')).toBeVisible();
  await expect(app.getByTestId('idle-locked')).toContainText('长时间无人操作');
  await shot(app, '03-idle-locked');
  await app.getByTestId('unlock-passphrase').fill(E2E_SECRETARY_PASS);
  await app.getByTestId('unlock-desk').click();
  await expect(app.getByTestId('current-role')).toHaveText('秘书');

  // The examiner: their own passphrase, typed by them at the secretary's desk; a separate sign-in.
  await examinerSignsIn(app, '审核口令-2026-x');
  await app.getByRole('menuitem', { name: '审计日志' }).click();
  await expect(app.getByTestId('audit-entries')).toBeVisible();
  await backToSecretary(app);
});
