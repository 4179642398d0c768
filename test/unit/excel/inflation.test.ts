// Excel inflation caps (issue 8 item 9): an .xlsx is a zip, and exceljs holds what it inflates. A workbook
// over the caps on unpacked size, rows or cells is refused with EXCEL_TOO_LARGE before (or instead of)
// being held, and the renderer translates the code.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { EXCEL_LIMITS, openFirstSheet } from '../../../electron/backend/excel/sheet';
import { createI18n, translateError } from '../../../renderer/i18n';
import { rawZip } from '../../fixtures/bundles/make-zip';
import { tmpDir } from '../../fixtures/tmp';

describe('Excel inflation caps', () => {
  it('refuses a workbook whose parts declare more than the unpacked cap, before exceljs reads it', async () => {
    const file = path.join(tmpDir('pd-xl-'), 'bomb.xlsx');
    const part = Buffer.alloc(64 * 1024, 0x20);
    fs.writeFileSync(file, rawZip([{ name: 'xl/worksheets/sheet1.xml', data: part, method: 8, declaredSize: EXCEL_LIMITS.maxInflatedBytes + 1 }]));
    const err = await openFirstSheet(file).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'EXCEL_TOO_LARGE', details: { file, reason: 'unpacked size', limit: EXCEL_LIMITS.maxInflatedBytes } });
    const zh = createI18n('zh-CN');
    expect(translateError(zh.t.bind(zh), (err as { toShape(): never }).toShape())).toContain('Excel 文件超出可读取的上限');
  });

  it('refuses a part that inflates to more than it declares', async () => {
    const file = path.join(tmpDir('pd-xl-'), 'liar.xlsx');
    fs.writeFileSync(file, rawZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(1024 * 1024, 0x20), method: 8, declaredSize: 1000 }]));
    await expect(openFirstSheet(file)).rejects.toMatchObject({ code: 'EXCEL_UNREADABLE' });
  });

  it('refuses a sheet with more rows than the cap', async () => {
    const file = path.join(tmpDir('pd-xl-'), 'rows.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('申报人');
    ws.addRow(['姓名']);
    for (let i = 0; i < EXCEL_LIMITS.maxRows; i++) ws.addRow([`申报人${i}`]);
    await wb.xlsx.writeFile(file);
    await expect(openFirstSheet(file)).rejects.toMatchObject({ code: 'EXCEL_TOO_LARGE', details: { reason: 'rows', limit: EXCEL_LIMITS.maxRows } });
  });

  it('refuses a sheet with more cells than the cap', async () => {
    const file = path.join(tmpDir('pd-xl-'), 'cells.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('申报人');
    ws.addRow(['姓名']);
    // A few rows that reach far to the right: rows × columns over the cap.
    const wide = 16_000;
    const rows = Math.ceil(EXCEL_LIMITS.maxCells / wide) + 1;
    for (let i = 0; i < rows; i++) ws.getRow(i + 2).getCell(wide).value = 'x';
    await wb.xlsx.writeFile(file);
    await expect(openFirstSheet(file)).rejects.toMatchObject({ code: 'EXCEL_TOO_LARGE', details: { reason: 'cells' } });
  });
});
