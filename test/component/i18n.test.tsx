import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors';
import { enUS } from '../../renderer/i18n/en-US';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { createI18n, translateError } from '../../renderer/i18n';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

describe('catalogues', () => {
  it('zh-CN and en-US have the same keys', () => {
    expect(keys(enUS).sort()).toEqual(keys(zhCN).sort());
  });
  it('every error code has a message in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(zhCN.error[code], code).toMatch(/\S/);
      expect(enUS.error[code], code).toMatch(/\S/);
    }
  });
  it('fills in where the error is', () => {
    const i18n = createI18n('zh-CN');
    const msg = translateError(i18n.t.bind(i18n), { code: 'BUNDLE_HASH_MISMATCH', message: 'x', details: { entry: 'data/dossiers.json' } });
    expect(msg).toBe('文件内容与清单不符（可能被篡改或损坏）：data/dossiers.json');
  });
  it('names a desk role in the user’s language', () => {
    const en = createI18n('en-US');
    const e = { code: 'AUTH_BAD_PASSPHRASE' as const, message: 'x', details: { role: 'secretary', remaining: 2 } };
    expect(translateError(en.t.bind(en), e)).toBe('Wrong passphrase (Secretary); 2 attempts left.');
    const zh = createI18n('zh-CN');
    expect(translateError(zh.t.bind(zh), e)).toBe('口令不正确（秘书），还可尝试 2 次。');
  });
});
