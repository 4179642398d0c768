import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/backend/db/connection';
import { getPref, setPref } from '../../../electron/backend/db/queries/prefs';
import { readPrefs, trustedIssuers, writePrefs } from '../../../electron/backend/services/prefs';
import { tmpDir } from '../../fixtures/tmp';

function withDb(fn: (db: Db) => void): void {
  const db = openDatabase(tmpDir());
  try {
    fn(db);
  } finally {
    db.close();
  }
}

describe('services/prefs', () => {
  it('defaults to zh-CN, zoom 1, no last session; each read is a fresh object', () => {
    withDb((db) => {
      const a = readPrefs(db);
      expect(a).toEqual({ locale: 'zh-CN', zoom: 1, lastSessionId: null });
      a.locale = 'en-US';
      expect(readPrefs(db).locale).toBe('zh-CN');
    });
  });

  it('writePrefs applies only the fields given and returns the result', () => {
    withDb((db) => {
      expect(writePrefs(db, { zoom: 2 })).toEqual({ locale: 'zh-CN', zoom: 2, lastSessionId: null });
      expect(writePrefs(db, { lastSessionId: 'S1' })).toEqual({ locale: 'zh-CN', zoom: 2, lastSessionId: 'S1' });
      expect(writePrefs(db, { lastSessionId: null, locale: 'en-US' })).toEqual({ locale: 'en-US', zoom: 2, lastSessionId: null });
      expect(readPrefs(db)).toEqual({ locale: 'en-US', zoom: 2, lastSessionId: null });
    });
  });

  it('a damaged stored value falls back to the defaults and is repaired by the next write', () => {
    withDb((db) => {
      setPref(db, 'prefs', '{not json');
      expect(readPrefs(db)).toEqual({ locale: 'zh-CN', zoom: 1, lastSessionId: null });
      writePrefs(db, { zoom: 1.5 });
      expect(JSON.parse(getPref(db, 'prefs') ?? '')).toEqual({ locale: 'zh-CN', zoom: 1.5, lastSessionId: null });
    });
  });

  it('trusts no issuer and requires no signature until configured', () => {
    withDb((db) => {
      expect(trustedIssuers(db)).toEqual({ required: false, keys: [] });
      setPref(db, 'trustedIssuers', JSON.stringify({ required: true, keys: [{ keyid: 'k1', publicKeyHex: '00ff10' }] }));
      const t = trustedIssuers(db);
      expect(t.required).toBe(true);
      expect(t.keys).toHaveLength(1);
      expect(t.keys[0]?.keyid).toBe('k1');
      expect([...(t.keys[0]?.publicKey ?? [])]).toEqual([0x00, 0xff, 0x10]);
    });
  });
});
