// Cell value parsing: dates, education, region, ID numbers, choices and header spellings.
import { describe, expect, it } from 'vitest';
import { LEVEL_VALUES, ROLE_VALUES, YES_NO_VALUES, normalizeHeader } from '../../../electron/backend/excel/columns';
import {
  cellInput,
  cellText,
  parseChoice,
  parseDate,
  parseEducation,
  parseIdNumber,
  parseRegion,
  parseYesNo,
  personName,
} from '../../../electron/backend/excel/values';
import { badCheckId, validId } from './helpers';

describe('parseDate', () => {
  it.each([
    ['2015-07-01', '2015-07-01'],
    ['2015/7/1', '2015-07-01'],
    ['2015.07', '2015-07-01'],
    ['2015.7.9', '2015-07-09'],
    ['2015-07', '2015-07-01'],
    ['2015年7月1日', '2015-07-01'],
    ['2015年07月', '2015-07-01'],
    [' 2015 年 7 月 1 日 ', '2015-07-01'],
    ['２０１５年７月１日', '2015-07-01'],
    ['2015-07-01 00:00:00', '2015-07-01'],
    ['2015/7/1 8:30', '2015-07-01'],
    ['20150701', '2015-07-01'],
    [201507, '2015-07-01'],
    [new Date(Date.UTC(2012, 1, 29)), '2012-02-29'],
  ])('%s → %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each([['2015-02-29'], ['2015-13-01'], ['2015'], ['去年'], ['1899-12-31'], [42186], [true], ['2015/7/1/2']])('%s is not a date', (input) => {
    expect(parseDate(input)).toBeNull();
  });
});

describe('parseEducation', () => {
  it('takes GB/T 4658 codes and the usual labels', () => {
    expect(parseEducation('11')).toBe('11');
    expect(parseEducation(21)).toBe('21');
    expect(parseEducation('博士研究生')).toBe('11');
    expect(parseEducation('硕士研究生')).toBe('14');
    expect(parseEducation('大学本科')).toBe('21');
    expect(parseEducation('大学专科')).toBe('31');
    expect(parseEducation('中专')).toBe('41');
    expect(parseEducation(' 高中 ')).toBe('61');
    expect(parseEducation('２１')).toBe('21');
  });
  it('refuses unknown codes and labels', () => {
    for (const v of ['00', '95', '研究生班', '本科以上', '123']) expect(parseEducation(v), v).toBeNull();
  });
});

describe('parseRegion', () => {
  it('takes six digits under a real province prefix', () => {
    expect(parseRegion('220102')).toBe('220102');
    expect(parseRegion(110101)).toBe('110101');
    expect(parseRegion('99010')).toBeNull();
    expect(parseRegion('990101')).toBeNull();
    expect(parseRegion('长春市南关区')).toBeNull();
  });
});

describe('parseIdNumber', () => {
  const id = validId('22010219850301124');
  it('normalises case and spaces', () => {
    expect(parseIdNumber(` ${id} `)).toEqual({ ok: true, value: id });
    const x = validId('22010419790612002');
    expect(parseIdNumber(x.toLowerCase())).toEqual({ ok: true, value: x });
  });
  it('tells a bad check digit from a malformed number', () => {
    expect(parseIdNumber(badCheckId('22010219850301124'))).toMatchObject({ ok: false, code: 'BAD_ID_CHECKSUM' });
    expect(parseIdNumber('22010219850301')).toMatchObject({ ok: false, code: 'BAD_ID_FORMAT' });
    expect(parseIdNumber(validId('22010219851301124'))).toMatchObject({ ok: false, code: 'BAD_ID_FORMAT' }); // month 13
    expect(parseIdNumber(Number('220102198503011240')) /* as Excel stores it */).toEqual({ ok: false, code: 'BAD_ID_FORMAT', shown: '220102198503011232' });
  });
});

describe('choices and text', () => {
  it('maps labels and short forms', () => {
    expect(parseChoice('副主任委员', ROLE_VALUES)).toBe('vice_chair');
    expect(parseChoice('Chair', ROLE_VALUES)).toBe('chair');
    expect(parseChoice('副高', LEVEL_VALUES)).toBe('associate_senior');
    expect(parseChoice('toString', LEVEL_VALUES)).toBeNull();
    expect(parseYesNo(true, YES_NO_VALUES)).toBe(true);
    expect(parseYesNo('已签署', YES_NO_VALUES)).toBe(true);
    expect(parseYesNo('否', YES_NO_VALUES)).toBe(false);
    expect(parseYesNo('也许', YES_NO_VALUES)).toBeNull();
  });
  it('unwraps rich text, formulas and hyperlinks', () => {
    expect(cellInput({ richText: [{ text: '吉林' }, { text: '大学' }] })).toBe('吉林大学');
    expect(cellInput({ formula: 'A1', result: 3 })).toBe(3);
    expect(cellInput({ text: '链接', hyperlink: 'https://example.org' })).toBe('链接');
    expect(cellInput(undefined)).toBeNull();
  });
  it('cleans whitespace; names lose alignment padding', () => {
    expect(cellText('  长春\u3000 某公司\u200B ')).toBe('长春 某公司');
    expect(personName('王　建国')).toBe('王建国');
    expect(personName(' John  Smith ')).toBe('John Smith');
  });
});

describe('normalizeHeader', () => {
  it('folds full-width forms, spaces, markers and bracketed remarks', () => {
    expect(normalizeHeader(' 身份证号码（18位） ')).toBe('身份证号码');
    expect(normalizeHeader('袋号*')).toBe('袋号');
    expect(normalizeHeader('地区[代码]')).toBe('地区');
    expect(normalizeHeader('姓　名：')).toBe('姓名');
  });
});
