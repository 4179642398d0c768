// Why a PDF could not be opened; OpenFailed translates each reason (viewer.failure.*).
export type PdfFailure = 'missing' | 'invalid' | 'password' | 'notPdf' | 'other';

export class PdfLoadError extends Error {
  constructor(
    readonly reason: PdfFailure,
    message: string,
  ) {
    super(message);
    this.name = 'PdfLoadError';
  }
}
