// An attachment's bytes must start with the signature of the type its dossier declares (§3.6). A file
// that is not a PDF but holds PDF objects (a zip of other applicants' files labelled application/pdf)
// would otherwise be shown by pdf.js's recovery mode: another applicant's document on screen.
export const MEDIA_SIGNATURES: Readonly<Record<string, readonly number[]>> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

/** Bytes a reader keeps of each attachment's start: enough for every signature above. */
export const MEDIA_HEAD_BYTES = 8;

/** Whether `head` (the file's first bytes) starts with the signature of `mediaType`; false for an unknown type. */
export function startsAsDeclared(mediaType: string, head: Uint8Array): boolean {
  const sig = MEDIA_SIGNATURES[mediaType];
  if (!sig || head.length < sig.length) return false;
  return sig.every((b, i) => head[i] === b);
}
