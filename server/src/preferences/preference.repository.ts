import type { StaffPreferences } from '@assay/shared';
import type { Db } from '../db/db';

const DEFAULTS: StaffPreferences = { anonymized: false };

/** The user's preferences; the defaults until they change one. */
export async function findPreferences(db: Db, userId: string): Promise<StaffPreferences> {
  const row = await db.selectFrom('staff_preferences').select(['anonymized']).where('user_id', '=', userId).executeTakeFirst();
  return row ? { anonymized: row.anonymized } : { ...DEFAULTS };
}

export async function savePreferences(db: Db, userId: string, prefs: StaffPreferences): Promise<StaffPreferences> {
  const now = new Date();
  await db
    .insertInto('staff_preferences')
    .values({ user_id: userId, anonymized: prefs.anonymized, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ anonymized: prefs.anonymized, updated_at: now }))
    .execute();
  return findPreferences(db, userId);
}
