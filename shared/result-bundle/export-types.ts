// What the secretary's result-bundle export takes and reports (contract method exportResultBundle, job kind
// 'resultExport'). Passphrases of the chair, the teller and the scrutineer are typed by them at the desk, only when a
// new seal is needed (§12.4); a re-export of sealed content needs none.
export interface ExportResultBundleInput {
  sessionId: string;
  /** Save token (the host's dialog). */
  path: string;
  /** age (§12.6): a passphrase, or X25519 recipients (age1…); absent: a plain .pdresult. */
  encryption?: { passphrase: string } | { recipients: string[] } | undefined;
  chairPassphrase?: string | undefined;
  tellerPassphrase?: string | undefined;
  scrutineerPassphrase?: string | undefined;
  /** Open tokens of the printed PDFs to include (data/prints/*.pdf). */
  minutesPdf?: string | undefined;
  tallyPdf?: string | undefined;
  noticePdf?: string | undefined;
}

export interface ResultExportReport {
  sessionId: string;
  /** SHA-256 of the tag manifest (§12.1): what the seal signs and what the verifier reports. */
  bundleHash: string;
  /** SHA-256 of the file as written (differs from bundleHash; for an encrypted file, of the ciphertext). */
  fileSha256: string;
  bytes: number;
  statementVersion: number;
  auditCount: number;
  /** A new seal was signed for this export (false: an earlier seal of the same content was reused). */
  sealedNow: boolean;
  encrypted: 'passphrase' | 'x25519' | null;
  entries: number;
}

/** Which officers must type their passphrase for a new seal (details of RESULT_BUNDLE_SEAL_NEEDED). */
export type SealRole = 'chair' | 'teller' | 'scrutineer';
