import type { ColumnType, Generated, JSONColumnType, Selectable } from 'kysely';
import type { CheckResult, ProgramOutput, ReportMeasurements, ScoreDimension, TestResult, TrialSummary, Verdict, Level } from '@assay/shared';

type Json<T extends object | null> = JSONColumnType<T, string, string>;

export interface RunsTable {
  id: Generated<string>;
  submission_id: string;
  attempt: number;
  verdict: Verdict;
  message: string | null;
  internal_error: string | null;
  measurements: JSONColumnType<ReportMeasurements | null, string | null, string | null>;
  tests: Json<TestResult[]>;
  checks: Json<CheckResult[]>;
  trials: Json<TrialSummary[]>;
  /** The judge's messages (verdict message, failing tests), capped. */
  log: string;
  /** The candidate program's output per run (migration 0003). */
  output: Json<ProgramOutput[]>;
  challenge_content_hash: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}
export type RunRow = Selectable<RunsTable>;

export interface ScoresTable {
  id: Generated<string>;
  submission_id: string;
  run_id: string;
  rubric_version_id: string;
  total: number;
  level: Level;
  dimensions: Json<ScoreDimension[]>;
  created_at: ColumnType<Date, Date | undefined, never>;
  /** `judge`: scored when judged; `rescore`: a panel's re-score under a later version, beside it (migration 0006). */
  origin: Generated<'judge' | 'rescore'>;
}
export type ScoreRow = Selectable<ScoresTable>;
