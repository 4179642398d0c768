// The audit screen's state: filters, the current page (fetched in SQL on the backend), the verification.
import { useCallback, useEffect, useState } from 'react';
import type { AppErrorShape } from '../../../shared/errors';
import type { AuditFilterOptions, AuditIntegrity, AuditPage, AuditQuery } from '../../../shared/types';
import { call, errorShape } from '../../api/client';

export const PAGE_SIZE = 50;

export interface AuditFilters {
  kinds: string[];
  person: string | undefined;
  dossierId: string | undefined;
  /** yyyy-mm-dd (local days). */
  from: string;
  to: string;
  search: string;
}

export const NO_FILTERS: AuditFilters = { kinds: [], person: undefined, dossierId: undefined, from: '', to: '', search: '' };

/** The query the backend runs: local calendar days become ISO instants; `searchKinds` from the translated labels. */
export function toQuery(sessionId: string, f: AuditFilters, searchKinds: string[]): AuditQuery {
  const q: AuditQuery = { sessionId };
  if (f.kinds.length > 0) q.kinds = f.kinds;
  if (f.person) q.person = f.person;
  if (f.dossierId) q.dossierId = f.dossierId;
  if (f.from) q.from = new Date(`${f.from}T00:00:00`).toISOString();
  if (f.to) q.to = new Date(`${f.to}T23:59:59.999`).toISOString();
  if (f.search.trim()) {
    q.search = f.search.trim();
    if (searchKinds.length > 0) q.searchKinds = searchKinds;
  }
  return q;
}

export function useAuditLog(sessionId: string | null, kindsMatching: (text: string) => string[]) {
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<AuditPage | null>(null);
  const [options, setOptions] = useState<AuditFilterOptions | null>(null);
  const [integrity, setIntegrity] = useState<AuditIntegrity | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);

  const query = sessionId ? toQuery(sessionId, filters, kindsMatching(filters.search)) : null;
  const queryKey = JSON.stringify(query);

  const verify = useCallback(async () => {
    if (!sessionId) return;
    setChecking(true);
    try {
      setIntegrity(await call('checkAuditAnchors', { sessionId }));
    } catch (e) {
      setError(errorShape(e));
    } finally {
      setChecking(false);
    }
  }, [sessionId]);

  const reload = useCallback(async () => {
    if (!query) return;
    try {
      setPage(await call('listAuditEvents', { ...query, offset, limit: PAGE_SIZE, order: 'desc' }));
      setError(null);
    } catch (e) {
      setError(errorShape(e));
    }
    // queryKey stands for query.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queryKey, offset]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    if (!sessionId) return;
    void verify();
    void call('getAuditFilterOptions', { sessionId }).then(setOptions, (e: unknown) => setError(errorShape(e)));
  }, [sessionId, verify]);

  const changeFilters = (next: Partial<AuditFilters>) => {
    setFilters((f) => ({ ...f, ...next }));
    setOffset(0);
  };

  return { filters, changeFilters, offset, setOffset, page, options, integrity, checking, verify, reload, query, error, setError };
}
