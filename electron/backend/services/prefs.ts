// App preferences (language, zoom, last session) and the issuer keys the secretary trusts.
import { hexToBytes } from '@noble/hashes/utils.js';
import type { Prefs } from '../../../shared/types';
import type { Db } from '../db/connection';
import { getPref, setPref } from '../db/queries/prefs';

const DEFAULTS: Prefs = { locale: 'zh-CN', zoom: 1, lastSessionId: null };

export function readPrefs(db: Db): Prefs {
  const raw = getPref(db, 'prefs');
  if (!raw) return { ...DEFAULTS };
  try {
    return { ...DEFAULTS, ...(JSON.parse(raw) as Partial<Prefs>) };
  } catch {
    return { ...DEFAULTS };
  }
}

export function writePrefs(db: Db, patch: Partial<Prefs>): Prefs {
  const next = { ...readPrefs(db) };
  if (patch.locale !== undefined) next.locale = patch.locale;
  if (patch.zoom !== undefined) next.zoom = patch.zoom;
  if (patch.lastSessionId !== undefined) next.lastSessionId = patch.lastSessionId;
  setPref(db, 'prefs', JSON.stringify(next));
  return next;
}

/** The pref 'trustedIssuers' as stored; label and addedAt arrived later, so older rows lack them. */
export interface StoredIssuerTrust {
  required: boolean;
  keys: Array<{ keyid: string; publicKeyHex: string; label?: string; addedAt?: string }>;
}

export function readIssuerTrust(db: Db): StoredIssuerTrust {
  const raw = getPref(db, 'trustedIssuers');
  if (!raw) return { required: false, keys: [] };
  return JSON.parse(raw) as StoredIssuerTrust;
}

export function writeIssuerTrust(db: Db, trust: StoredIssuerTrust): void {
  setPref(db, 'trustedIssuers', JSON.stringify(trust));
}

export function trustedIssuers(db: Db): { required: boolean; keys: Array<{ keyid: string; publicKey: Uint8Array }> } {
  const parsed = readIssuerTrust(db);
  return { required: parsed.required, keys: parsed.keys.map((k) => ({ keyid: k.keyid, publicKey: hexToBytes(k.publicKeyHex) })) };
}
