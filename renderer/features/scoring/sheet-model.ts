// Pure helpers of the score sheet: grouping, the working scores behind the running total, evidence, field errors.
import type { ItemDoc, StandardDoc } from '../../../shared/bundle/schema';
import type { AppErrorShape } from '../../../shared/errors';
import { checkItemScore, formatPoints, parsePoints } from '../../../shared/domain/scoring';
import type { DossierDetail } from '../../../shared/types';

/** A field's save state: a request in flight, saved, refused by the backend, or not a number at all. */
export type FieldSave =
  | { state: 'saving' }
  | { state: 'saved'; at: string }
  | { state: 'error'; error: AppErrorShape }
  | { state: 'invalid' };

export interface ItemGroup {
  group: string;
  items: ItemDoc[];
}

/** Items grouped by `group`, groups in the order they first appear in the standard. */
export function groupItems(items: readonly ItemDoc[]): ItemGroup[] {
  const out: ItemGroup[] = [];
  for (const it of items) {
    const g = out.find((x) => x.group === it.group);
    if (g) g.items.push(it);
    else out.push({ group: it.group, items: [it] });
  }
  return out;
}

/** The text a saved score shows in its field. */
export function scoreText(value: number | undefined): string {
  return value === undefined ? '' : formatPoints(value);
}

export function initialDrafts(items: readonly ItemDoc[], scores: Readonly<Record<string, number>>): Record<string, string> {
  return Object.fromEntries(items.map((it) => [it.id, scoreText(scores[it.id])]));
}

/**
 * The scores behind the running total: what is typed, where it is a valid score for the item, else the saved score.
 * A field in error counts with its saved value, so the total never shows what the backend refused.
 */
export function workingScores(
  items: readonly ItemDoc[],
  saved: Readonly<Record<string, number>>,
  drafts: Readonly<Record<string, string>>,
  fields: Readonly<Record<string, FieldSave>>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) {
    const savedValue = saved[it.id];
    const draft = drafts[it.id];
    const st = fields[it.id]?.state;
    let v: number | undefined = savedValue;
    if (draft !== undefined && st !== 'error' && st !== 'invalid') {
      if (draft.trim() === '') v = undefined;
      else {
        const p = parsePoints(draft);
        if (p !== null && checkItemScore(it, p) === null) v = p;
      }
    }
    if (v !== undefined) out[it.id] = v;
  }
  return out;
}

/** "好 10、中 7、差 4" */
export function bandsText(item: Pick<ItemDoc, 'bands'>): string {
  return (item.bands ?? []).map((b) => `${b.label} ${formatPoints(b.score)}`).join('、');
}

/** The local check of a typed score: the same rule as the backend and the tally (shared/domain/scoring). */
export function localFieldProblem(item: ItemDoc, text: string): FieldSave | null {
  const value = parsePoints(text);
  if (value === null) return { state: 'invalid' };
  const problem = checkItemScore(item, value);
  if (problem === null) return null;
  const code = problem === 'not_on_band' ? 'SCORE_NOT_ON_BAND' : 'SCORE_OUT_OF_RANGE';
  return { state: 'error', error: { code, message: `${item.id}: ${problem}`, details: { field: item.id } } };
}

/** A field error's details as the user reads them: the item's label, cap in points and bands, whatever the backend sent. */
export function errorAtItem(error: AppErrorShape, item: ItemDoc): AppErrorShape {
  return { ...error, details: { ...error.details, field: item.label, limit: formatPoints(item.max), expected: bandsText(item) } };
}

export interface EvidenceLine {
  id: string;
  label: string;
  value: number | string | null;
  unit: string | null;
  note: string | null;
}

/** The applicant's declared figures for the item's evidence fields (null when not declared). */
export function evidenceFor(item: ItemDoc, dossier: DossierDetail, standard: StandardDoc): EvidenceLine[] {
  return item.evidence.map((id) => {
    const a = dossier.achievements.find((x) => x.field === id);
    const f = standard.evidenceFields.find((x) => x.id === id);
    return {
      id,
      label: a?.label ?? f?.label ?? id,
      value: a ? a.value : null,
      unit: a?.unit ?? f?.unit ?? null,
      note: a?.note ?? null,
    };
  });
}

/** The short form of a 64-hex key id, for display when no fingerprint is at hand. */
export function shortKeyid(keyid: string): string {
  return (keyid.slice(0, 16).match(/.{4}/g) ?? []).join(' ');
}
