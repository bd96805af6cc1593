import { sql, type Kysely } from 'kysely';

/**
 * What candidates may see of their results, per assessment (see
 * `CandidateSeesSchema` in shared), and when the server submitted an
 * invitation's last drafts as finals (at the deadline or an early finish).
 *
 * `drafts_submitted_at` is the once-only claim: whichever process sets it
 * first submits the drafts. Invitations already over when this migration runs
 * are marked done: they closed under the old rule (drafts were never
 * submitted), and submitting them now, perhaps weeks later, would surprise
 * their reviewers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE assessments ADD COLUMN candidate_sees text NOT NULL DEFAULT 'score' CHECK (candidate_sees IN ('nothing', 'verdict', 'score'))`.execute(db);
  await sql`ALTER TABLE invitations ADD COLUMN drafts_submitted_at timestamptz`.execute(db);
  await sql`UPDATE invitations SET drafts_submitted_at = now() WHERE finished_at IS NOT NULL OR deadline_at < now()`.execute(db);
  // The sweeper's safety-net scan: started invitations whose drafts are not submitted yet.
  await sql`CREATE INDEX invitations_drafts_due_idx ON invitations (deadline_at) WHERE drafts_submitted_at IS NULL AND started_at IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS invitations_drafts_due_idx`.execute(db);
  await sql`ALTER TABLE invitations DROP COLUMN IF EXISTS drafts_submitted_at`.execute(db);
  await sql`ALTER TABLE assessments DROP COLUMN IF EXISTS candidate_sees`.execute(db);
}
