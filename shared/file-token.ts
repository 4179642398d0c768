// File references the renderer may pass: opaque tokens issued by the host's open or save dialog (or a drop),
// never paths. The backend's dispatcher resolves them, once each, so services keep taking real paths.
import { z } from 'zod';

export type FilePurpose = 'open' | 'save';

/** What a token looks like: `ft_` and 43 base64url characters (32 random bytes). */
export const FILE_TOKEN_RE = /^ft_[A-Za-z0-9_-]{43}$/;

/** Which contract fields carry a file token, and for which purpose. */
export const fileTokenFields = z.registry<{ purpose: FilePurpose }>();

// Plain strings at the schema level, so a path gets the specific FILE_TOKEN_INVALID rather than a generic
// invalid input; the dispatcher refuses everything that is not a live token of the right purpose.
const TokenString = z.string().min(1).max(4096);
/** A file the user chose to read (open dialog or drop). */
export const OpenFile = TokenString.clone().register(fileTokenFields, { purpose: 'open' });
/** A file the user chose to write (save dialog). */
export const SaveFile = TokenString.clone().register(fileTokenFields, { purpose: 'save' });

/** The file-token fields of an object schema (top level, optional ones included). */
export function fileFieldsOf(schema: z.ZodType): Array<{ field: string; purpose: FilePurpose }> {
  if (!(schema instanceof z.ZodObject)) return [];
  const out: Array<{ field: string; purpose: FilePurpose }> = [];
  for (const [field, raw] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const inner = raw instanceof z.ZodOptional ? (raw.unwrap() as z.ZodType) : raw;
    const meta = fileTokenFields.get(inner);
    if (meta) out.push({ field, purpose: meta.purpose });
  }
  return out;
}

/** Beside `value` on a successful reply: fresh tokens for the open files the call consumed (see renderer/api/client.ts). */
export interface FileTokenRenewal {
  renewed?: Record<string, string>;
}
