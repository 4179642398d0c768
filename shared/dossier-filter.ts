// The dossier list's search and filters, applied in the renderer to the rows it already holds, so a keystroke
// needs no round trip. It gives the same answer as listDossiers' SQL (electron/backend/db/queries/dossiers.ts)
// on the same rows; test/unit/db/dossier-filter.test.ts checks that with fast-check. Which rows a person may
// see is still the backend's answer: this only narrows it.
import type { DossierQuery } from './contract';
import type { DossierRow } from './types';

export type DossierFilter = Omit<DossierQuery, 'sessionId'>;

/** SQLite's LIKE (without ICU) ignores case for ASCII letters only; the local search folds the same way. */
export function foldAscii(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

interface Folded {
  name: string;
  packetNo: string;
  employer: string;
}

// Folded once per loaded list, not once per keystroke.
const foldedCache = new WeakMap<readonly DossierRow[], Folded[]>();

function foldedOf(rows: readonly DossierRow[]): Folded[] {
  let f = foldedCache.get(rows);
  if (!f) {
    f = rows.map((r) => ({ name: foldAscii(r.name), packetNo: foldAscii(r.packetNo), employer: foldAscii(r.employer) }));
    foldedCache.set(rows, f);
  }
  return f;
}

/** The rows (in their order) that listDossiers would answer for this filter; the rows themselves when nothing filters. */
export function filterDossierRows(rows: DossierRow[], q: DossierFilter): DossierRow[] {
  const search = q.search?.trim() ? foldAscii(q.search.trim()) : '';
  const green = q.greenChannel;
  if (!search && !q.groupId && !q.level && !q.specialty && green === undefined) return rows;
  const folded = search ? foldedOf(rows) : null;
  return rows.filter((r, i) => {
    if (q.groupId && r.groupId !== q.groupId) return false;
    if (q.level && r.level !== q.level) return false;
    if (q.specialty && r.specialty !== q.specialty) return false;
    if (green !== undefined && (r.reviewType !== 'normal') !== green) return false;
    if (folded) {
      const f = folded[i] as Folded;
      return f.name.includes(search) || f.packetNo.includes(search) || f.employer.includes(search);
    }
    return true;
  });
}
