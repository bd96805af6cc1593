import type { ColumnType, Generated, JSONColumnType, Selectable } from 'kysely';
import type { SharedRegion } from '@assay/shared';

/** That a final submission's similarity check ran (even when it matched nothing). */
export interface SimilarityChecksTable {
  submission_id: string;
  /** Fingerprints of the submission once the starter's are removed. */
  fingerprints: number;
  /** Solutions it was compared with. */
  compared_with: number;
  checked_at: ColumnType<Date, Date | undefined, Date>;
}

/** One match seen from `submission_id`'s side: the other is a submission or a challenge solution. */
export interface SimilarityMatchesTable {
  id: Generated<string>;
  submission_id: string;
  other_submission_id: string | null;
  other_solution: string | null;
  share: number;
  other_share: number;
  shared_fingerprints: number;
  regions: JSONColumnType<SharedRegion[], string, string>;
  computed_at: ColumnType<Date, Date | undefined, Date>;
}
export type SimilarityMatchRow = Selectable<SimilarityMatchesTable>;
