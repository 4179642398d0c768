// The viewer hands pdf.js only bytes that start as a PDF: a zip of other dossiers' files labelled
// application/pdf is refused with a translated message, never "repaired" into another applicant's document.
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchPdfBytes } from '../../renderer/features/viewer/pdf-bytes';
import { PdfLoadError } from '../../renderer/features/viewer/pdf-errors';
import { OpenFailed } from '../../renderer/features/viewer/OpenFailed';
import { renderWithI18n } from './render';

function serve(bytes: Uint8Array, status = 200): void {
  // A minimal Response: jsdom's and Node's Blob/Response types do not mix.
  const res = { ok: status === 200, status, arrayBuffer: async () => bytes.slice().buffer };
  vi.stubGlobal('fetch', vi.fn(async () => res));
}

afterEach(() => vi.unstubAllGlobals());

describe('fetchPdfBytes', () => {
  it('returns the bytes of a PDF', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n');
    serve(pdf);
    expect(Array.from(await fetchPdfBytes('app://blob/x'))).toEqual(Array.from(pdf));
  });

  it('refuses a zip that carries PDFs, and a PDF whose header is not at the start', async () => {
    serve(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode('%PDF-1.7 of another applicant')]));
    await expect(fetchPdfBytes('app://blob/x')).rejects.toMatchObject({ reason: 'notPdf' });
    serve(new TextEncoder().encode('junk\n%PDF-1.7\n'));
    await expect(fetchPdfBytes('app://blob/x')).rejects.toMatchObject({ reason: 'notPdf' });
  });

  it('says missing for 404 and other for other failures', async () => {
    serve(new Uint8Array(), 404);
    await expect(fetchPdfBytes('app://blob/x')).rejects.toMatchObject({ reason: 'missing' });
    serve(new Uint8Array(), 403);
    await expect(fetchPdfBytes('app://blob/x')).rejects.toBeInstanceOf(PdfLoadError);
  });
});

describe('OpenFailed for a file that is not a PDF', () => {
  it('says so in the user’s language', async () => {
    const { unmount } = renderWithI18n(<OpenFailed name="学历证书.pdf" reason="notPdf" />);
    expect(await screen.findByTestId('viewer-error')).toHaveTextContent('文件内容不是 PDF');
    unmount();
    renderWithI18n(<OpenFailed name="学历证书.pdf" reason="notPdf" />, 'en-US');
    expect(await screen.findByTestId('viewer-error')).toHaveTextContent('The file is not a PDF.');
  });
});
