import type { ColumnType, JSONColumnType } from 'kysely';
import type { TrialTimeline } from './run-timeline.repository';

/** The candidate's memory over time in each scored trial of a run (migration 0005). */
export interface RunMemoryTimelinesTable {
  run_id: string;
  trials: JSONColumnType<TrialTimeline[], string, string>;
  /** bigint: the driver returns it as a string. */
  limit_bytes: ColumnType<string | null, number | null, number | null>;
  method: string;
}
