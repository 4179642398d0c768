// Text search over the pages of a PDF, and where the hits lie on a rendered page.

/** A run of text on a page, with its box at scale 1 in CSS pixels from the page's top-left. */
export interface TextSpan {
  start: number;
  end: number;
  left: number;
  top: number;
  width: number;
  height: number;
  /** CSS font family pdf.js maps the run's font to (for measuring part of the run). */
  font: string;
}

/** A page's text (runs joined, a newline at each line end) and where each run lies. */
export interface PageText {
  text: string;
  spans: readonly TextSpan[];
}

/** A hit: 1-based page and the character range in that page's text. */
export interface Match {
  page: number;
  start: number;
  end: number;
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Case-insensitive; any run of spaces in the query matches any run of white space (line ends too). */
export function queryPattern(query: string): RegExp | null {
  const words = query.trim().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return null;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(escaped.join('\\s+'), 'giu');
}

/** Every hit in reading order; `texts[i]` is page i + 1. */
export function findMatches(texts: readonly string[], query: string): Match[] {
  const re = queryPattern(query);
  if (!re) return [];
  const out: Match[] = [];
  texts.forEach((text, i) => {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      out.push({ page: i + 1, start, end: start + m[0].length });
    }
  });
  return out;
}

/** The first hit on or after `page`, wrapping to the first hit; -1 if there are none. */
export function firstMatchFrom(matches: readonly Match[], page: number): number {
  if (matches.length === 0) return -1;
  const i = matches.findIndex((m) => m.page >= page);
  return i === -1 ? 0 : i;
}

/** Step through hits, wrapping at both ends. */
export function stepMatch(index: number, count: number, delta: 1 | -1): number {
  if (count === 0) return -1;
  if (index < 0) return delta === 1 ? 0 : count - 1;
  return (index + delta + count) % count;
}

/** Width of `text` in `family` at any fixed size; only ratios are used. */
export type Measure = (text: string, family: string) => number;

/**
 * Boxes covering one hit at `scale`. Runs carry no per-glyph positions, so a partial run is cut
 * by the measured width of its characters (or their count, without a measure).
 */
export function matchBoxes(page: PageText, m: Pick<Match, 'start' | 'end'>, scale: number, measure?: Measure): Box[] {
  const boxes: Box[] = [];
  for (const s of page.spans) {
    const from = Math.max(m.start, s.start);
    const to = Math.min(m.end, s.end);
    const len = s.end - s.start;
    if (to <= from || len <= 0) continue;
    const run = page.text.slice(s.start, s.end);
    const full = measure ? measure(run, s.font) : 0;
    const at = (k: number) => (full > 0 && measure ? measure(run.slice(0, k), s.font) / full : k / len);
    const x0 = s.left + s.width * at(from - s.start);
    const x1 = s.left + s.width * at(to - s.start);
    boxes.push({ left: x0 * scale, top: s.top * scale, width: (x1 - x0) * scale, height: s.height * scale });
  }
  return boxes;
}
