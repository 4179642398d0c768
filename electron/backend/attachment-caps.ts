// Attachment capabilities: random names under blob/ that the backend grants per dossier and person.
// A bare hash is never served. A capability is bound to the principal that asked for it and is
// checked again when served, so a role change (or a recusal decided since) closes it.
import { randomBytes } from 'node:crypto';
import { ATTACHMENT_CAPABILITY_RE, BLOB_PATH_PREFIX } from '../../shared/ipc';
import type { AttachmentRef } from './services/attachment-access';

/** Enough for every attachment one person opens in a sitting; the oldest are dropped. */
const MAX_CAPABILITIES = 512;

interface Grant extends AttachmentRef {
  principal: string;
}

export class AttachmentCapabilities {
  private readonly grants = new Map<string, Grant>();

  /** A new capability for `ref`, held by `principal`; the URL is relative to the page (app://paneldesk/ or the test host). */
  grant(ref: AttachmentRef, principal: string): { url: string } {
    const cap = randomBytes(32).toString('base64url');
    this.grants.set(cap, { ...ref, principal });
    if (this.grants.size > MAX_CAPABILITIES) this.grants.delete(this.grants.keys().next().value as string);
    return { url: `${BLOB_PATH_PREFIX.slice(1)}${cap}` };
  }

  /** What `cap` grants, if it exists and belongs to `principal`; a capability of another principal is dropped. */
  resolve(cap: string, principal: string): AttachmentRef | null {
    if (!ATTACHMENT_CAPABILITY_RE.test(cap)) return null;
    const g = this.grants.get(cap);
    if (!g) return null;
    if (g.principal !== principal) {
      this.grants.delete(cap);
      return null;
    }
    return { sessionId: g.sessionId, dossierId: g.dossierId, sha256: g.sha256 };
  }

  /** Forgets every capability: called whenever the person at the keyboard changes. */
  revokeAll(): void {
    this.grants.clear();
  }

  get size(): number {
    return this.grants.size;
  }
}
