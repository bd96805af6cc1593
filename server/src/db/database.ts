/**
 * The Kysely view of the schema: one interface per table, added by the
 * domain that owns it (e.g. submissions/submission.table.ts) and listed here.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}
