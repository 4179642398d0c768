// The applicants' list (申报人员) from a secretary's .xlsx, as dossiers without attachments.
import { createHash } from 'node:crypto';
import type { Worksheet } from 'exceljs';
import { DossierDoc } from '../../../shared/bundle/schema';
import { maskIdNumber } from '../../../shared/domain/id-number';
import { DOSSIER_COLUMNS, LEVEL_VALUES, REVIEW_TYPE_VALUES, YES_NO_VALUES, type DossierField } from './columns';
import type { RowProblem } from '../../../shared/excel-problems';
import type { RowScope } from './sheet';
import { dataRows, locateColumns, namedLookup, openFirstSheet, sortProblems } from './sheet';
import {
  cellText,
  codeText,
  parseChoice,
  parseDate,
  parseEducation,
  parseIdNumber,
  parseRegion,
  parseYesNo,
  personName,
  type CellInput,
} from './values';

export interface DossierContext {
  standards: ReadonlyArray<{ id: string; name: string }>;
  groups: ReadonlyArray<{ id: string; name: string }>;
  /** 袋号 already in the session: importing them again is a DUPLICATE. */
  existingPacketNos: ReadonlySet<string>;
}

export interface DossierImport {
  /** Only the rows without problems; attachments and achievements are empty. */
  rows: DossierDoc[];
  problems: RowProblem[];
}

const GENDER_VALUES: Readonly<Record<string, '男' | '女'>> = { 男: '男', 女: '女' };

/**
 * 'D-' + the 袋号 when it is already a valid id; otherwise the unsafe characters become '_' and a
 * hash of the 袋号 keeps 甲1 and 乙1 apart (both would be D-_1).
 */
export function dossierIdFor(packetNo: string): string {
  const safe = packetNo.replace(/[^A-Za-z0-9._-]/g, '_');
  if (safe === packetNo) return `D-${safe}`;
  return `D-${safe}-${createHash('sha256').update(packetNo, 'utf8').digest('hex').slice(0, 8)}`;
}

/** Multi-line text (a justification): line breaks kept, each line trimmed. */
function longText(v: CellInput): string {
  if (typeof v !== 'string') return cellText(v);
  return v
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .trim();
}

interface Parsed {
  scope: RowScope<DossierField>;
  doc: Record<string, unknown> | undefined;
  packetNo: string | undefined;
  idNumber: string | undefined;
}

export async function readDossiersXlsx(file: string, ctx: DossierContext): Promise<DossierImport> {
  return readDossierSheet(await openFirstSheet(file), ctx);
}

export function readDossierSheet(ws: Worksheet, ctx: DossierContext): DossierImport {
  const layout = locateColumns(ws, DOSSIER_COLUMNS, 'name');
  if (layout.problems.length > 0) return { rows: [], problems: layout.problems };
  const findStandard = namedLookup(ctx.standards);
  const findGroup = namedLookup(ctx.groups);

  const parsed: Parsed[] = [];
  for (const scope of dataRows(ws, layout)) {
    const packetNo = scope.text('packetNo', codeText);
    const name = scope.text('name', personName);
    const gender = scope.parsed('gender', (v) => parseChoice(v, GENDER_VALUES), 'BAD_ENUM');
    let idNumber: string | undefined;
    const id = scope.parsed('idNumber', parseIdNumber, 'BAD_ID_FORMAT');
    if (id && id.ok) idNumber = id.value;
    // ID numbers are masked in problems too: the list is shown on screen and may be logged.
    else if (id) scope.report('idNumber', id.code, maskIdNumber(id.shown));
    const fields = {
      packetNo,
      name,
      gender,
      idNumber,
      education: scope.parsed('education', parseEducation, 'BAD_EDUCATION'),
      major: scope.text('major'),
      workStart: scope.parsed('workStart', parseDate, 'BAD_DATE'),
      employer: scope.text('employer'),
      regionCode: scope.parsed('regionCode', parseRegion, 'BAD_REGION'),
      currentTitle: scope.text('currentTitle'),
      currentTitleDate: scope.parsed('currentTitleDate', parseDate, 'BAD_DATE') ?? null,
      series: scope.text('series'),
      specialty: scope.text('specialty'),
      level: scope.parsed('level', (v) => parseChoice(v, LEVEL_VALUES), 'BAD_ENUM'),
      reviewType: scope.parsed('reviewType', (v) => parseChoice(v, REVIEW_TYPE_VALUES), 'BAD_ENUM'),
      standardId: scope.parsed('standard', (v) => findStandard(cellText(v))?.id ?? null, 'UNKNOWN_STANDARD'),
      groupId: scope.parsed('group', (v) => findGroup(cellText(v))?.id ?? null, 'UNKNOWN_GROUP'),
      commitmentSigned: scope.parsed('commitment', (v) => parseYesNo(v, YES_NO_VALUES), 'BAD_ENUM'),
    };
    const justification = scope.text('justification', longText);
    const complete = Object.values(fields).every((v) => v !== undefined);
    const doc = complete
      ? {
          id: dossierIdFor(packetNo ?? ''),
          ...fields,
          ...(justification ? { greenChannelJustification: justification } : {}),
          achievements: [],
          attachments: [],
        }
      : undefined;
    parsed.push({ scope, doc, packetNo, idNumber });
  }

  flagDuplicates(parsed, (p) => p.packetNo, 'packetNo', ctx.existingPacketNos, (k) => k);
  flagDuplicates(parsed, (p) => p.idNumber, 'idNumber', new Set(), maskIdNumber);

  const rows: DossierDoc[] = [];
  const problems: RowProblem[] = [];
  for (const p of parsed) {
    problems.push(...p.scope.problems);
    if (p.scope.problems.length === 0 && p.doc) rows.push(DossierDoc.parse(p.doc));
  }
  return { rows, problems: sortProblems(problems, layout) };
}

/** Every occurrence is reported: which of two rows is right is the secretary's call. */
function flagDuplicates(
  parsed: Parsed[],
  key: (p: Parsed) => string | undefined,
  field: DossierField,
  existing: ReadonlySet<string>,
  shown: (key: string) => string,
): void {
  const counts = new Map<string, number>();
  for (const p of parsed) {
    const k = key(p);
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  for (const p of parsed) {
    const k = key(p);
    if (k !== undefined && ((counts.get(k) ?? 0) > 1 || existing.has(k))) p.scope.report(field, 'DUPLICATE', shown(k));
  }
}
