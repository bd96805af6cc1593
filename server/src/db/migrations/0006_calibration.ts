import { sql, type Kysely } from 'kysely';

/**
 * Panel calibration: who published a rubric version and why, one shared
 * draft per challenge, where a score came from (the judge, or a panel's
 * re-score beside it), and the organisation's webhook with its delivery log.
 */
const STATEMENTS = [
  // Version 1 comes from challenges/<slug>/rubric.json ('file'); later ones are published by a panel.
  `ALTER TABLE rubric_versions
     ADD COLUMN source text NOT NULL DEFAULT 'file' CHECK (source IN ('file', 'panel')),
     ADD COLUMN published_by uuid REFERENCES users (id),
     ADD COLUMN reason text,
     ADD CONSTRAINT rubric_versions_panel_reason CHECK (source = 'file' OR (published_by IS NOT NULL AND reason IS NOT NULL))`,

  `CREATE TABLE rubric_drafts (
     challenge_slug text PRIMARY KEY,
     base_version_id uuid NOT NULL REFERENCES rubric_versions (id),
     rubric jsonb NOT NULL,
     updated_by uuid NOT NULL REFERENCES users (id),
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,

  // A re-score is a new row beside the judge's, never an update of it.
  `ALTER TABLE scores ADD COLUMN origin text NOT NULL DEFAULT 'judge' CHECK (origin IN ('judge', 'rescore'))`,
  `CREATE INDEX scores_rubric_version_idx ON scores (rubric_version_id)`,

  // One organisation per installation: a single settings row (id = 1).
  `CREATE TABLE webhook_settings (
     id integer PRIMARY KEY CHECK (id = 1),
     url text NOT NULL,
     secret text NOT NULL,
     enabled boolean NOT NULL DEFAULT true,
     updated_by uuid NOT NULL REFERENCES users (id),
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE webhook_deliveries (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     event text NOT NULL,
     url text NOT NULL,
     body text NOT NULL,
     status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
     attempts integer NOT NULL DEFAULT 0,
     last_status_code integer,
     last_error text,
     created_at timestamptz NOT NULL DEFAULT now(),
     last_attempt_at timestamptz,
     delivered_at timestamptz
   )`,
  `CREATE INDEX webhook_deliveries_created_idx ON webhook_deliveries (created_at DESC)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'DROP TABLE IF EXISTS webhook_deliveries',
    'DROP TABLE IF EXISTS webhook_settings',
    'DROP INDEX IF EXISTS scores_rubric_version_idx',
    'ALTER TABLE scores DROP COLUMN IF EXISTS origin',
    'DROP TABLE IF EXISTS rubric_drafts',
    'ALTER TABLE rubric_versions DROP CONSTRAINT IF EXISTS rubric_versions_panel_reason, DROP COLUMN IF EXISTS reason, DROP COLUMN IF EXISTS published_by, DROP COLUMN IF EXISTS source',
  ]) await sql.raw(statement).execute(db);
}
