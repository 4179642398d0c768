// The attachment's bytes, refused unless they start as a PDF does. pdf.js repairs what it can: given a
// file that is not a PDF but holds PDF objects (a zip of other dossiers' files labelled application/pdf),
// its recovery mode would show a document found inside, i.e. another applicant's (issue 12, item 3).
import { startsAsDeclared } from '../../../shared/bundle/media-type';
import { PdfLoadError } from './pdf-errors';

export async function fetchPdfBytes(url: string, signal?: AbortSignal): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url, signal ? { signal } : {});
  } catch (err) {
    throw new PdfLoadError('other', err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) throw new PdfLoadError(res.status === 404 ? 'missing' : 'other', `HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (!startsAsDeclared('application/pdf', bytes)) throw new PdfLoadError('notPdf', 'the file does not start with %PDF-');
  return bytes;
}
