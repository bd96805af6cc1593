import { sql, type Kysely } from 'kysely';

/**
 * The interviewer dashboard: each staff member's display preferences
 * (anonymized mode), and the similarity matches found between final
 * submissions of a challenge (or a submission and one of the challenge's own
 * solutions). A match is stored from each side, so a submission's matches
 * are one indexed read and a later copy also shows on the original. And the
 * memory timeline of each scored run, which reviewers chart.
 */
const STATEMENTS = [
  `CREATE TABLE staff_preferences (
     user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
     anonymized boolean NOT NULL DEFAULT false,
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE similarity_checks (
     submission_id uuid PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
     fingerprints integer NOT NULL CHECK (fingerprints >= 0),
     compared_with integer NOT NULL CHECK (compared_with >= 0),
     checked_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE similarity_matches (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     submission_id uuid NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
     other_submission_id uuid REFERENCES submissions (id) ON DELETE CASCADE,
     other_solution text,
     share real NOT NULL CHECK (share >= 0 AND share <= 1),
     other_share real NOT NULL CHECK (other_share >= 0 AND other_share <= 1),
     shared_fingerprints integer NOT NULL CHECK (shared_fingerprints >= 0),
     regions jsonb NOT NULL DEFAULT '[]',
     computed_at timestamptz NOT NULL DEFAULT now(),
     CHECK ((other_submission_id IS NULL) <> (other_solution IS NULL))
   )`,
  `CREATE UNIQUE INDEX similarity_matches_pair_key ON similarity_matches (submission_id, coalesce(other_submission_id::text, 'solution:' || other_solution))`,
  `CREATE INDEX similarity_matches_by_share ON similarity_matches (submission_id, share DESC)`,
  // The candidate's memory over time in each scored trial, for the review chart (the live log in Redis is not kept).
  `CREATE TABLE run_memory_timelines (
     run_id uuid PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
     trials jsonb NOT NULL,
     limit_bytes bigint,
     method text NOT NULL
   )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['run_memory_timelines', 'similarity_matches', 'similarity_checks', 'staff_preferences']) await sql.raw(`DROP TABLE IF EXISTS ${table}`).execute(db);
}
