// A minimal, valid one-page PDF 1.4 (Helvetica, ASCII text), with a correct cross-reference table.
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

function pdfString(text: string): string {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error('demo PDFs hold printable ASCII only');
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

export interface PdfPage {
  title: string;
  lines: readonly string[];
}

export function makePdf(page: PdfPage): Uint8Array {
  const body = [
    '0.2 0.3 0.5 RG 2 w 50 50 495 742 re S',
    'BT /F1 20 Tf 72 760 Td',
    `${pdfString(page.title)} Tj`,
    '/F1 12 Tf 0 -36 Td 16 TL',
    ...page.lines.map((l) => `${pdfString(l)} '`),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${body.length} >>\nstream\n${body}\nendstream`,
    `<< /Producer ${pdfString('PanelDesk demo generator')} /Title ${pdfString(page.title)} >>`,
  ];
  // The binary comment marks the file as binary for transfer tools (PDF 32000-1 §7.5.2).
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return latin1(out);
}
