// Row problems as the UI shows them: every code has a message in both languages, and the error to throw.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { ROW_PROBLEM_CODES, excelProblemsError, problemKey, problemRowCount, type RowProblem } from '../../../shared/excel-problems';
import { createI18n, translateError } from '../../../renderer/i18n';
import { enUS } from '../../../renderer/i18n/en-US';
import { zhCN } from '../../../renderer/i18n/zh-CN';

const lookup = (catalog: object, key: string): unknown =>
  key.split('.').reduce<unknown>((node, k) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined), catalog);

describe('problem messages', () => {
  it('every code has a message under excel.problem in both catalogues', () => {
    for (const code of ROW_PROBLEM_CODES) {
      expect(problemKey(code)).toBe(`excel.problem.${code}`);
      expect(lookup(zhCN, problemKey(code)), code).toEqual(expect.any(String));
      expect(lookup(enUS, problemKey(code)), code).toEqual(expect.any(String));
    }
    expect(Object.keys(zhCN.excel.problem).sort()).toEqual([...ROW_PROBLEM_CODES].sort());
  });

  it('renders a row label in Chinese and English', () => {
    const zh = createI18n('zh-CN');
    const en = createI18n('en-US');
    const p: RowProblem = { sheet: '申报人员', row: 5, column: '身份证号', code: 'BAD_ID_CHECKSUM' };
    expect(zh.t('excel.rowLabel', { row: p.row, column: p.column, message: zh.t(problemKey(p.code)) })).toBe('第 5 行 身份证号：身份证号校验位错误');
    expect(en.t('excel.rowLabel', { row: p.row, column: p.column, message: en.t(problemKey(p.code)) })).toBe(
      'Row 5, 身份证号: ID number: bad check digit',
    );
    expect(zh.t('excel.sheet', { sheet: p.sheet })).toBe('工作表 申报人员');
  });
});

describe('excelProblemsError', () => {
  it('counts rows, not problems, and translates', () => {
    const problems: RowProblem[] = [
      { sheet: 'S', row: 2, column: '姓名', code: 'REQUIRED' },
      { sheet: 'S', row: 2, column: '性别', code: 'BAD_ENUM', value: 'x' },
      { sheet: 'S', row: 7, column: '袋号', code: 'DUPLICATE', value: '001' },
    ];
    expect(problemRowCount(problems)).toBe(2);
    const err = excelProblemsError('/tmp/a.xlsx', problems);
    expect(err).toBeInstanceOf(AppError);
    expect(err.toShape()).toMatchObject({ code: 'EXCEL_HAS_PROBLEMS', details: { file: '/tmp/a.xlsx', count: 2 } });
    const zh = createI18n('zh-CN');
    expect(translateError(zh.t.bind(zh), err.toShape())).toBe('表格中有 2 行存在问题，未导入任何内容。');
    expect(translateError(zh.t.bind(zh), { code: 'EXCEL_UNREADABLE', message: 'x', details: { file: 'a.xlsx' } })).toBe(
      'Excel 文件无法读取：a.xlsx',
    );
  });
});
