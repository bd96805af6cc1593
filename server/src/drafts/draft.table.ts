import type { Generated, JSONColumnType, Selectable } from 'kysely';

export interface DraftsTable {
  invitation_id: string;
  challenge_slug: string;
  files: JSONColumnType<Record<string, string>, string, string>;
  revision: Generated<number>;
  updated_at: Generated<Date>;
}
export type DraftRow = Selectable<DraftsTable>;
