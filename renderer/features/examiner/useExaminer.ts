// The examiner screen's data: the analysis (statistics, anomalies, thresholds), the latest spot check and the
// latest signed statement, reloaded after every action; errors kept to show with their code.
import { useCallback, useEffect, useState } from 'react';
import type { AppErrorShape } from '../../../shared/errors';
import type { ExaminerAnalysisView, FindingsStatementView, SpotCheckView } from '../../../shared/examiner/views';
import { call, errorShape } from '../../api/client';

export function useExaminer(sessionId: string | null) {
  const [analysis, setAnalysis] = useState<ExaminerAnalysisView | null>(null);
  const [spot, setSpot] = useState<SpotCheckView | null>(null);
  const [statement, setStatement] = useState<FindingsStatementView | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    if (!sessionId) return;
    try {
      const [a, s, st] = await Promise.all([
        call('getExaminerAnalysis', { sessionId }),
        call('getSpotCheck', { sessionId }),
        call('getFindingsStatement', { sessionId }),
      ]);
      setAnalysis(a);
      setSpot(s);
      setStatement(st);
    } catch (e) {
      setError(errorShape(e));
    }
  }, [sessionId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  /** Runs an action; on success reloads; returns whether it succeeded. */
  const run = useCallback(
    async (fn: () => Promise<unknown>): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        await fn();
        await reload();
        return true;
      } catch (e) {
        setError(errorShape(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [reload],
  );

  return { analysis, spot, statement, error, setError, busy, reload, run };
}
