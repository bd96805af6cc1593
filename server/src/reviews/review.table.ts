import type { ColumnType, Generated, JSONColumnType, Selectable } from 'kysely';
import type { Decision } from '@assay/shared';

export interface ReviewsTable {
  id: Generated<string>;
  invitation_id: string;
  reviewer_id: string;
  notes: string;
  ratings: JSONColumnType<Record<string, number>, string, string>;
  decision: Decision | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: Date;
}
export type ReviewRow = Selectable<ReviewsTable>;
