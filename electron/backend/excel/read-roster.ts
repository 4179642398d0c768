// The committee roster (评委名单) from a secretary's .xlsx: experts and their review groups.
import type { Worksheet } from 'exceljs';
import { ExpertDoc, Id } from '../../../shared/bundle/schema';
import { ROLE_VALUES, ROSTER_COLUMNS, type Gender, type RosterField } from './columns';
import type { RowProblem } from '../../../shared/excel-problems';
import { dataRows, locateColumns, namedLookup, openFirstSheet, sortProblems } from './sheet';
import type { RowScope } from './sheet';
import { cellText, codeText, parseChoice, personName } from './values';

export interface RosterContext {
  groups: ReadonlyArray<{ id: string; name: string }>;
}

export interface Membership {
  expertId: string;
  groupId: string;
}

export interface RosterImport {
  /** Only the rows without problems. */
  rows: ExpertDoc[];
  /** Of those rows only. */
  memberships: Membership[];
  problems: RowProblem[];
}

const GENDER_VALUES: Readonly<Record<string, Gender>> = { 男: '男', 女: '女' };
/** 评议组 cells list several groups: 信息技术组、电子商务组 (also with commas or semicolons). */
const LIST_SEPARATORS = /[、,，;；]/;

interface Parsed {
  scope: RowScope<RosterField>;
  explicitId: string | undefined;
  doc: Omit<ExpertDoc, 'id'> | undefined;
  groupIds: string[];
  dupKey: string | undefined;
}

export async function readRosterXlsx(file: string, ctx: RosterContext): Promise<RosterImport> {
  return readRosterSheet(await openFirstSheet(file), ctx);
}

export function readRosterSheet(ws: Worksheet, ctx: RosterContext): RosterImport {
  const layout = locateColumns(ws, ROSTER_COLUMNS, 'name');
  if (layout.problems.length > 0) return { rows: [], memberships: [], problems: layout.problems };
  const findGroup = namedLookup(ctx.groups);

  const parsed: Parsed[] = [];
  for (const scope of dataRows(ws, layout)) {
    const name = scope.text('name', personName);
    const gender = scope.parsed('gender', (v) => parseChoice(v, GENDER_VALUES), 'BAD_ENUM');
    const affiliation = scope.text('affiliation');
    const specialty = scope.text('specialty');
    const title = scope.text('title');
    const role = scope.parsed('role', (v) => parseChoice(v, ROLE_VALUES), 'BAD_ENUM');

    const groupIds: string[] = [];
    for (const groupName of cellText(scope.value('groups')).split(LIST_SEPARATORS)) {
      if (groupName.trim() === '') continue;
      const group = findGroup(groupName.trim());
      if (!group) scope.report('groups', 'UNKNOWN_GROUP', groupName.trim());
      else if (!groupIds.includes(group.id)) groupIds.push(group.id);
    }

    const explicitId = scope.text('id', codeText);
    if (explicitId !== undefined && !Id.safeParse(explicitId).success) scope.report('id', 'BAD_ID_FORMAT', explicitId);

    const doc =
      name !== undefined && affiliation !== undefined && specialty !== undefined && role !== undefined
        ? { name, affiliation, specialty, role, ...(gender ? { gender } : {}), ...(title ? { title } : {}) }
        : undefined;
    const dupKey = name !== undefined && affiliation !== undefined ? fold(name) + '\u0000' + fold(affiliation) : undefined;
    parsed.push({ scope, explicitId, doc, groupIds, dupKey });
  }

  // Every occurrence of a duplicate is reported: which of them is right is the secretary's call.
  flagDuplicates(parsed, (p) => p.dupKey, 'name', (p) => cellText(p.scope.value('name')));
  flagDuplicates(parsed, (p) => p.explicitId, 'id', (p) => p.explicitId ?? '');

  const ids = assignIds(parsed);
  const rows: ExpertDoc[] = [];
  const memberships: Membership[] = [];
  const problems: RowProblem[] = [];
  parsed.forEach((p, i) => {
    problems.push(...p.scope.problems);
    if (p.scope.problems.length > 0 || !p.doc) return;
    const expert = ExpertDoc.parse({ id: ids[i], ...p.doc });
    rows.push(expert);
    for (const groupId of p.groupIds) memberships.push({ expertId: expert.id, groupId });
  });
  return { rows, memberships, problems: sortProblems(problems, layout) };
}

function fold(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '');
}

function flagDuplicates(parsed: Parsed[], key: (p: Parsed) => string | undefined, field: RosterField, shown: (p: Parsed) => string): void {
  const counts = new Map<string, number>();
  for (const p of parsed) {
    const k = key(p);
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  for (const p of parsed) {
    const k = key(p);
    if (k !== undefined && (counts.get(k) ?? 0) > 1) p.scope.report(field, 'DUPLICATE', shown(p));
  }
}

/**
 * 专家编号 when given, else E001, E002… in file order, skipping numbers the file uses. Rows with
 * problems take their number too, so fixing one row does not renumber the rows below it.
 */
function assignIds(parsed: readonly Parsed[]): string[] {
  const taken = new Set(parsed.map((p) => p.explicitId).filter((id): id is string => id !== undefined));
  let n = 0;
  return parsed.map((p) => {
    if (p.explicitId !== undefined) return p.explicitId;
    let id: string;
    do {
      n += 1;
      id = `E${String(n).padStart(3, '0')}`;
    } while (taken.has(id));
    return id;
  });
}
