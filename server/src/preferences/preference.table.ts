import type { Selectable } from 'kysely';

export interface PreferencesTable {
  user_id: string;
  anonymized: boolean;
  updated_at: Date;
}
export type PreferencesRow = Selectable<PreferencesTable>;
