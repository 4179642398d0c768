// The last step of `paneldesk demo --completed`: the signed result bundle of the completed meeting. Its writer
// (electron/backend/result-bundle/, the `exportResultBundle` contract method) is not part of this build yet, so this
// refuses loudly, with a coded error naming the file it did not write and where the completed meeting is.
import { AppError } from '../../../shared/errors';
import type { BackendHost } from '../host-types';

export async function writeCompletedBundle(_host: BackendHost, sessionId: string, out: string, dataDir: string): Promise<{ bytes: number; bundleHash: string }> {
  await Promise.resolve();
  throw new AppError('DEMO_RESULT_BUNDLE_UNAVAILABLE', `this build has no result-bundle writer: ${out} was not written; session ${sessionId} was completed in ${dataDir}`, {
    file: out,
    path: dataDir,
    field: 'out',
  });
}
