import type { ColumnType, Generated, JSONColumnType, Selectable } from 'kysely';
import type { ActivityKind } from '@assay/shared';

export interface ActivityEventsTable {
  /** bigserial: pg returns it as a string. */
  id: Generated<string>;
  invitation_id: string;
  challenge_slug: string | null;
  kind: ActivityKind;
  details: JSONColumnType<Record<string, unknown>, string, never>;
  occurred_at: Date;
  recorded_at: ColumnType<Date, Date | undefined, never>;
}
export type ActivityEventRow = Selectable<ActivityEventsTable>;
