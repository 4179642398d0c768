// Audit entries in words, in both languages: every kind the backend writes has a label and a sentence
// naming who and what; the verdict says what was checked, and reads as success or failure.
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import type { AuditEventView, AuditIntegrity } from '../../shared/types';
import { createI18n } from '../../renderer/i18n';
import { describeEvent, integrityText, kindLabel, personText } from '../../renderer/features/audit/describe';
import { AuditVerdict } from '../../renderer/features/audit/AuditVerdict';
import { renderWithI18n } from './render';

/** Every kind appendAudit is called with in electron/backend (grep "kind:"), plus checkpoints and desk keys. */
const BACKEND_KINDS = [
  'session.imported', 'session.updated', 'attendance.set', 'conflict.confirmed', 'conflict.dismissed', 'conflict.declared',
  'key.created', 'key.confirmed', 'auth.failed', 'auth.signed_in', 'score.saved', 'opinion.saved', 'sheet.submitted',
  'sheet.unlocked', 'sheets.merged', 'sheets.exported', 'package.exported', 'excel.roster_imported', 'excel.dossiers_imported',
  'issuer.trusted', 'issuer.removed', 'issuer.signatureRequired', 'desk.secretary_passphrase_set', 'desk.examiner_passphrase_set',
  'desk.key_created', 'audit.checkpoint', 'results.exported',
];

function ev(kind: string, over: Partial<AuditEventView> = {}): AuditEventView {
  return {
    seq: 7,
    at: '2026-12-10T01:02:03.000Z',
    kind,
    actor: { role: 'secretary', expertId: null, name: null },
    subject: { expertId: 'E03', expertName: '王立新', dossierId: 'D01', dossierName: '赵敏', packetNo: 'A-001' },
    details: { reason: '同单位', present: true, version: 1, keyid: 'ab12 cd34 ef56 7890', count: 12, head: 'f'.repeat(64), from: 1, to: 2, role: 'secretary', as: 'chair' },
    hash: 'e'.repeat(64),
    ...over,
  };
}

describe('audit entries in words', () => {
  for (const locale of ['zh-CN', 'en-US'] as const) {
    it(`names every kind and never shows a raw key (${locale})`, () => {
      const i18n = createI18n(locale);
      const t = i18n.t.bind(i18n);
      for (const kind of BACKEND_KINDS) {
        const label = kindLabel(t, kind);
        const sentence = describeEvent(t, ev(kind));
        expect(label, kind).not.toContain(kind);
        expect(sentence, kind).not.toContain(kind);
        expect(sentence, kind).not.toMatch(/\{\{|undefined|desk\.|audit\./);
      }
    });
  }

  it('says who checked in, who recused from what and why, who signed a checkpoint', () => {
    const i18n = createI18n('zh-CN');
    const t = i18n.t.bind(i18n);
    expect(describeEvent(t, ev('attendance.set'))).toBe('王立新 签到');
    expect(describeEvent(t, ev('attendance.set', { details: { present: false } }))).toBe('王立新 取消签到（缺席）');
    expect(describeEvent(t, ev('conflict.declared'))).toBe('登记 王立新 回避 赵敏（A-001）；原因：同单位');
    const chair = { role: 'chair', expertId: 'E01', name: '刘主任' };
    expect(describeEvent(t, ev('audit.checkpoint', { actor: chair }))).toBe(`刘主任（主任委员）签署审计检查点：前 12 条记录，链头 ${'f'.repeat(16)}`);
    expect(personText(t, chair)).toBe('刘主任（主任委员）');
    expect(describeEvent(t, ev('auth.failed', { subject: { expertId: null, expertName: null, dossierId: null, dossierName: null, packetNo: null }, actor: { role: 'desk', expertId: null, name: null }, details: { role: 'secretary', failures: 2 } }))).toBe(
      '秘书 输入口令错误（累计 2 次）',
    );
    expect(describeEvent(t, ev('some.new_kind'))).toBe('其他事项（some.new_kind）');
  });
});

const INTACT: AuditIntegrity = {
  entries: 77,
  head: 'a'.repeat(64),
  chain: { ok: true, firstBrokenLink: null },
  checkpoints: { total: 1, valid: 1, latest: { count: 76, head: 'b'.repeat(64), signer: { role: 'secretary', expertId: null, name: null }, fingerprint: '91d3 7bec 8b14 195d', at: '2026-12-10T01:00:00.000Z' }, signers: [] },
  sheets: { total: 0, onChain: 0, otherDesk: 0 },
  problems: [],
  uncovered: 1,
  ok: true,
  checkedAt: '2026-12-10T01:00:00.000Z',
};

describe('the verdict', () => {
  it('states what was checked and what it does not prove, as success', () => {
    renderWithI18n(<AuditVerdict integrity={INTACT} />);
    const v = screen.getByTestId('audit-verdict');
    expect(v.className).toContain('audit-verdict-ok');
    expect(v.className).toContain('ant-alert-success');
    expect(v.textContent).toContain('核验通过');
    expect(v.textContent).toContain('已逐条重算全部 77 条记录的哈希');
    expect(v.textContent).toContain('覆盖前 76 条记录（密钥指纹 91d3 7bec 8b14 195d）');
    expect(v.textContent).toContain('最近检查点之后的 1 条记录还没有签名覆盖');
    expect(v.textContent).not.toContain('没有被修改、删除或调换顺序');
    expect(screen.getByTestId('audit-head').textContent).toContain('a'.repeat(64));
  });

  it('names the failed anchor and what it means', () => {
    const i18n = createI18n('zh-CN');
    const bad: AuditIntegrity = {
      ...INTACT,
      ok: false,
      problems: [{ source: 'checkpoint', count: 76, head: 'b'.repeat(64), problem: 'beyond_end', signer: { role: 'chair', expertId: 'E01', name: '刘主任' }, dossierId: null, dossierName: null, version: null, at: '' }],
    };
    const { title, lines } = integrityText(i18n.t.bind(i18n), bad, (s) => s);
    expect(title).toBe('核验未通过：日志与签名不符');
    expect(lines).toContain('签名检查点（刘主任（主任委员），第 76 条处）：日志比签名时短，末尾记录被截断');
    renderWithI18n(<AuditVerdict integrity={bad} />);
    expect(screen.getByTestId('audit-verdict').className).toContain('ant-alert-error');
  });
});
