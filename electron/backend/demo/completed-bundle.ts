// The last step of `paneldesk demo --completed`: the secretary exports the completed meeting's signed result bundle
// (docs/bundle-format.md §12) through the contract, as from the meeting screen; the chair, the teller and the scrutineer
// seal it with their own (demo) passphrases.
import type { ResultExportReport } from '../../../shared/result-bundle/export-types';
import { COMPLETED_SECRETARY_PASS, caller, expertPass, runJob, type CompletedMeeting } from './completed-meeting';

export async function writeCompletedBundle(meeting: CompletedMeeting, out: string): Promise<ResultExportReport> {
  const { host, sessionId, events } = meeting;
  const call = caller(host);
  await call('signInSecretary', { passphrase: COMPLETED_SECRETARY_PASS });
  const { officers } = events;
  const done = await runJob<Extract<Parameters<Parameters<typeof host.onEvent>[0]>[0], { type: 'job.done'; kind: 'resultExport' }>>(host, () =>
    call('exportResultBundle', {
      sessionId,
      path: host.grantFile(out, 'save'),
      chairPassphrase: expertPass(officers.chairId),
      tellerPassphrase: expertPass(officers.tellerId),
      scrutineerPassphrase: expertPass(officers.scrutineerId),
    }),
  );
  return done.result;
}
