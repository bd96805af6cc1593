import { sql, type Kysely } from 'kysely';

/**
 * The baseline: the extension later migrations rely on for random UUIDs.
 * Domain tables arrive in their own migrations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pgcrypto`.execute(db);
}

export async function down(): Promise<void> {
  // Keeping the extension is harmless; dropping it could break objects created outside migrations.
}
