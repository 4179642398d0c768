// The anomaly thresholds, with the documented defaults of docs/examiner.md. The examiner may change them;
// they are stored as a preference and printed in the findings.

export interface ExaminerThresholds {
  /** |z| of an expert's leniency among the experts of their group at or above which the expert is flagged. */
  zScore: number;
  /** |mean deviation from the dossiers' means| (hundredths of a point) at or above which leniency/severity is flagged. */
  leniencyPoints: number;
  /** Agreement (ICC(2,1) and Krippendorff's α) below which a group is flagged. */
  minAgreement: number;
  /** Two sheets are near-identical when their items differ by at most this many hundredths in all. */
  nearIdenticalPoints: number;
  /** A pair of experts is flagged when at least this share of their common dossiers have near-identical sheets… */
  nearIdenticalShare: number;
  /** …over at least this many common dossiers. */
  nearIdenticalMinCommon: number;
  /** |agree share of the vote − agree share of the group's recommendations| at or above which a vote is flagged. */
  voteContradiction: number;
  /** A sheet submitted within this many seconds of its first saved item is flagged. */
  fastSubmitSeconds: number;
}

export const DEFAULT_THRESHOLDS: Readonly<ExaminerThresholds> = Object.freeze({
  zScore: 2,
  leniencyPoints: 800,
  minAgreement: 0.4,
  nearIdenticalPoints: 0,
  nearIdenticalShare: 0.8,
  nearIdenticalMinCommon: 5,
  voteContradiction: 0.5,
  fastSubmitSeconds: 30,
});

/** Bounds the UI and the contract accept for each threshold. */
export const THRESHOLD_BOUNDS: Readonly<Record<keyof ExaminerThresholds, { min: number; max: number; integer: boolean }>> = Object.freeze({
  zScore: { min: 0.5, max: 10, integer: false },
  leniencyPoints: { min: 0, max: 100_000, integer: true },
  minAgreement: { min: -1, max: 1, integer: false },
  nearIdenticalPoints: { min: 0, max: 100_000, integer: true },
  nearIdenticalShare: { min: 0.01, max: 1, integer: false },
  nearIdenticalMinCommon: { min: 1, max: 10_000, integer: true },
  voteContradiction: { min: 0.01, max: 1, integer: false },
  fastSubmitSeconds: { min: 0, max: 86_400, integer: true },
});

export const THRESHOLD_KEYS = Object.keys(DEFAULT_THRESHOLDS) as Array<keyof ExaminerThresholds>;
