import type { Draft } from '@assay/shared';
import type { Db } from '../db/db';
import type { DraftRow } from './draft.table';

export async function listDrafts(db: Db, invitationId: string): Promise<DraftRow[]> {
  return db.selectFrom('drafts').selectAll().where('invitation_id', '=', invitationId).execute();
}

/**
 * Saves a draft. With `baseRevision`, only over that revision (optimistic
 * concurrency): undefined when someone saved in between. `baseRevision` 0
 * only creates the draft (revisions start at 1, so an existing one refuses it).
 */
export async function saveDraft(db: Db, invitationId: string, slug: string, files: Record<string, string>, baseRevision?: number): Promise<DraftRow | undefined> {
  const json = JSON.stringify(files);
  return db
    .insertInto('drafts')
    .values({ invitation_id: invitationId, challenge_slug: slug, files: json })
    .onConflict((oc) => {
      const update = oc.columns(['invitation_id', 'challenge_slug']).doUpdateSet((eb) => ({ files: json, revision: eb('drafts.revision', '+', 1), updated_at: new Date() }));
      return baseRevision === undefined ? update : update.where('drafts.revision', '=', baseRevision);
    })
    .returningAll()
    .executeTakeFirst();
}

export function toDraft(row: DraftRow): Draft {
  return { files: row.files, revision: row.revision, updatedAt: row.updated_at.toISOString() };
}
