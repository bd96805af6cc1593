import { sql, type Kysely } from 'kysely';

/**
 * The submission pipeline: accounts and sessions, the challenge catalogue,
 * assessments and invitations, drafts, submissions with their runs and
 * scores, reviews and candidate activity.
 *
 * Constraints live here (CHECK, UNIQUE, FK) so a bug in a service cannot
 * store an impossible state.
 */
const STATEMENTS = [
  `CREATE TABLE users (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     email text NOT NULL,
     name text NOT NULL,
     role text NOT NULL CHECK (role IN ('admin', 'interviewer')),
     password_hash text NOT NULL,
     disabled_at timestamptz,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE UNIQUE INDEX users_email_key ON users (lower(email))`,

  // The token itself is never stored: only its SHA-256, so a database leak opens no session.
  `CREATE TABLE sessions (
     token_hash text PRIMARY KEY,
     user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     created_at timestamptz NOT NULL DEFAULT now(),
     expires_at timestamptz NOT NULL,
     revoked_at timestamptz,
     user_agent text,
     ip text
   )`,
  `CREATE INDEX sessions_user_idx ON sessions (user_id)`,

  `CREATE TABLE challenge_versions (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     slug text NOT NULL,
     content_hash text NOT NULL,
     title text NOT NULL,
     manifest jsonb NOT NULL,
     prompt text NOT NULL,
     starter_files jsonb NOT NULL,
     visible_tests jsonb NOT NULL,
     is_current boolean NOT NULL DEFAULT false,
     synced_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (slug, content_hash)
   )`,
  `CREATE UNIQUE INDEX challenge_versions_current_key ON challenge_versions (slug) WHERE is_current`,

  `CREATE TABLE rubric_versions (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     challenge_slug text NOT NULL,
     version integer NOT NULL CHECK (version > 0),
     rubric jsonb NOT NULL,
     content_hash text NOT NULL,
     is_current boolean NOT NULL DEFAULT false,
     created_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (challenge_slug, version)
   )`,
  `CREATE UNIQUE INDEX rubric_versions_current_key ON rubric_versions (challenge_slug) WHERE is_current`,

  `CREATE TABLE assessments (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     title text NOT NULL,
     time_allowed_minutes integer NOT NULL CHECK (time_allowed_minutes > 0),
     created_by uuid NOT NULL REFERENCES users (id),
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX assessments_created_by_idx ON assessments (created_by)`,

  // The challenge version is pinned when the assessment is made: candidates all get the same content.
  `CREATE TABLE assessment_challenges (
     assessment_id uuid NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
     position integer NOT NULL CHECK (position >= 0),
     challenge_slug text NOT NULL,
     challenge_version_id uuid NOT NULL REFERENCES challenge_versions (id),
     PRIMARY KEY (assessment_id, position),
     UNIQUE (assessment_id, challenge_slug)
   )`,

  `CREATE TABLE invitations (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     assessment_id uuid NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
     candidate_name text NOT NULL,
     candidate_email text NOT NULL,
     token_hash text NOT NULL UNIQUE,
     created_by uuid NOT NULL REFERENCES users (id),
     created_at timestamptz NOT NULL DEFAULT now(),
     expires_at timestamptz NOT NULL,
     extra_time_minutes integer NOT NULL DEFAULT 0 CHECK (extra_time_minutes >= 0),
     started_at timestamptz,
     deadline_at timestamptz,
     finished_at timestamptz,
     revoked_at timestamptz,
     CHECK ((started_at IS NULL) = (deadline_at IS NULL))
   )`,
  `CREATE INDEX invitations_assessment_idx ON invitations (assessment_id, created_at)`,

  `CREATE TABLE drafts (
     invitation_id uuid NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
     challenge_slug text NOT NULL,
     files jsonb NOT NULL,
     revision integer NOT NULL DEFAULT 1,
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (invitation_id, challenge_slug)
   )`,

  `CREATE TABLE submissions (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     invitation_id uuid NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
     assessment_id uuid NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
     challenge_slug text NOT NULL,
     challenge_version_id uuid NOT NULL REFERENCES challenge_versions (id),
     kind text NOT NULL CHECK (kind IN ('test', 'final')),
     files jsonb NOT NULL,
     size_bytes integer NOT NULL CHECK (size_bytes >= 0),
     status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'scoring', 'done', 'failed')),
     verdict text,
     message text,
     attempts integer NOT NULL DEFAULT 0,
     created_at timestamptz NOT NULL DEFAULT now(),
     enqueued_at timestamptz,
     started_at timestamptz,
     heartbeat_at timestamptz,
     finished_at timestamptz,
     worker text
   )`,
  `CREATE INDEX submissions_invitation_idx ON submissions (invitation_id, created_at)`,
  // The sweeper's scan: only unfinished submissions, so it stays small.
  `CREATE INDEX submissions_unfinished_idx ON submissions (status, created_at) WHERE status IN ('queued', 'running', 'scoring')`,

  `CREATE TABLE runs (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     submission_id uuid NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
     attempt integer NOT NULL CHECK (attempt > 0),
     verdict text NOT NULL,
     message text,
     internal_error text,
     measurements jsonb,
     tests jsonb NOT NULL DEFAULT '[]',
     checks jsonb NOT NULL DEFAULT '[]',
     trials jsonb NOT NULL DEFAULT '[]',
     log text NOT NULL DEFAULT '',
     challenge_content_hash text,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX runs_submission_idx ON runs (submission_id, created_at)`,

  // Scores per rubric version: re-scoring a run under a new rubric adds a row, never rewrites one.
  `CREATE TABLE scores (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     submission_id uuid NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
     run_id uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
     rubric_version_id uuid NOT NULL REFERENCES rubric_versions (id),
     total double precision NOT NULL CHECK (total >= 0 AND total <= 100),
     level text NOT NULL,
     dimensions jsonb NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (run_id, rubric_version_id)
   )`,
  `CREATE INDEX scores_submission_idx ON scores (submission_id)`,

  `CREATE TABLE reviews (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     invitation_id uuid NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
     reviewer_id uuid NOT NULL REFERENCES users (id),
     notes text NOT NULL DEFAULT '',
     ratings jsonb NOT NULL DEFAULT '{}',
     decision text CHECK (decision IN ('reject', 'hold', 'advance')),
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (invitation_id, reviewer_id)
   )`,

  `CREATE TABLE activity_events (
     id bigserial PRIMARY KEY,
     invitation_id uuid NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
     challenge_slug text,
     kind text NOT NULL CHECK (kind IN ('started', 'finished', 'paste', 'focus_lost', 'focus_regained', 'run', 'submit')),
     details jsonb NOT NULL DEFAULT '{}',
     occurred_at timestamptz NOT NULL,
     recorded_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX activity_events_invitation_idx ON activity_events (invitation_id, occurred_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['activity_events', 'reviews', 'scores', 'runs', 'submissions', 'drafts', 'invitations', 'assessment_challenges', 'assessments', 'rubric_versions', 'challenge_versions', 'sessions', 'users']) {
    await sql.raw(`DROP TABLE IF EXISTS ${table}`).execute(db);
  }
}
