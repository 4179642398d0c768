import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { Button, Input, type InputRef } from 'antd';
import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { PdfDocument } from './pdf-loader';
import { findMatches, firstMatchFrom, queryPattern, stepMatch, type Match, type PageText } from './search';

/** Typing pauses this long before the pages are searched. */
const SEARCH_DELAY_MS = 300;

export interface SearchResult {
  query: string;
  matches: readonly Match[];
  /** Every page's text, index 0 = page 1 (for highlighting). */
  texts: readonly PageText[];
}

export interface PdfSearchState {
  query: string;
  setQuery(q: string): void;
  searching: boolean;
  failed: boolean;
  result: SearchResult | null;
  /** Index of the current hit in result.matches, -1 if none. */
  current: number;
  /** Search now (if the query changed) or move to the next/previous hit. */
  submit(delta: 1 | -1): void;
}

/** Finds text across all pages (each page's text is read once), and turns to the page of the current hit. */
export function usePdfSearch(doc: PdfDocument, page: number, setPage: (n: number) => void): PdfSearchState {
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<SearchResult | null>(null);
  const [current, setCurrent] = useState(-1);
  const [searching, setSearching] = useState(false);
  const [failed, setFailed] = useState(false);
  const cache = useRef(new Map<number, PageText>());
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pageNow = useRef(page);

  useEffect(() => {
    pageNow.current = page;
  }, [page]);

  const run = useCallback(
    async (q: string) => {
      const mine = ++seq.current;
      if (!queryPattern(q)) {
        setResult(null);
        setCurrent(-1);
        setSearching(false);
        setFailed(false);
        return;
      }
      setSearching(true);
      try {
        const texts: PageText[] = [];
        for (let n = 1; n <= doc.numPages; n++) {
          let text = cache.current.get(n);
          if (!text) {
            text = await doc.pageText(n);
            cache.current.set(n, text);
          }
          if (mine !== seq.current) return;
          texts.push(text);
        }
        const matches = findMatches(
          texts.map((p) => p.text),
          q,
        );
        const first = firstMatchFrom(matches, pageNow.current);
        setResult({ query: q, matches, texts });
        setCurrent(first);
        setFailed(false);
        const m = matches[first];
        if (m) setPage(m.page);
      } catch {
        if (mine === seq.current) {
          setResult(null);
          setFailed(true);
        }
      } finally {
        if (mine === seq.current) setSearching(false);
      }
    },
    [doc, setPage],
  );

  useEffect(() => {
    timer.current = setTimeout(() => void run(query), SEARCH_DELAY_MS);
    return () => clearTimeout(timer.current);
  }, [query, run]);

  const submit = (delta: 1 | -1) => {
    clearTimeout(timer.current);
    if (!result || result.query !== query) {
      void run(query);
      return;
    }
    const i = stepMatch(current, result.matches.length, delta);
    setCurrent(i);
    const m = result.matches[i];
    if (m) setPage(m.page);
  };

  return { query, setQuery, searching, failed, result, current, submit };
}

export function PdfSearch({ search, inputRef }: { search: PdfSearchState; inputRef: Ref<InputRef> }) {
  const { t } = useTranslation();
  const { result, current, searching, failed } = search;
  const fresh = result !== null && result.query === search.query;
  const count = fresh ? result.matches.length : 0;

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    search.submit(e.shiftKey ? -1 : 1);
  };

  let status = '';
  if (searching) status = t('viewer.searching');
  else if (failed) status = t('viewer.searchFailed');
  else if (fresh) status = count > 0 ? t('viewer.matches', { n: current + 1, m: count }) : t('viewer.noMatch');

  return (
    <div className="viewer-group viewer-search" role="search">
      <Input
        ref={inputRef}
        allowClear
        value={search.query}
        placeholder={t('viewer.search')}
        aria-label={t('viewer.search')}
        onChange={(e) => search.setQuery(e.target.value)}
        onKeyDown={onKeyDown}
        className="viewer-search-input"
      />
      <Button icon={<UpOutlined />} aria-label={t('viewer.searchPrev')} title={t('viewer.searchPrev')} disabled={count === 0} onClick={() => search.submit(-1)} />
      <Button icon={<DownOutlined />} aria-label={t('viewer.searchNext')} title={t('viewer.searchNext')} disabled={count === 0} onClick={() => search.submit(1)} />
      <span className="viewer-status" data-testid="search-status" aria-live="polite">
        {status}
      </span>
    </div>
  );
}
