import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { COMMON_METRICS } from '../challenges/challenge.types';
import { RubricSchema, type PublishRubricBody, type PublishRubricResult, type RescorePreview, type Rubric, type RubricOverview } from '@assay/shared';
import { findCurrentChallenge } from '../catalog/catalog.repository';
import { loadChallenge } from '../challenges/challenge.loader';
import type { LoadedChallenge } from '../challenges/challenge.types';
import type { Db } from '../db/db';
import { canonicalHash } from '../platform/canonical-json';
import { AppError } from '../platform/errors';
import type { UserRow } from '../users/user.table';
import { previewDraft } from './rubric.preview';
import {
  deleteDraft, findCurrentRubricVersion, findDraft, highestRubricVersion, insertPanelVersion, insertRescores, listRubricVersions, listScoredRuns, upsertDraft,
} from './rubric.repository';
import { rescore } from './rubric.rescore';
import { toRubricDraft, toRubricVersion } from './rubric.view';

/** Serialises publications of one challenge (advisory lock key space of this module). */
const PUBLISH_LOCK = 0x72756272; // "rubr"

async function currentOf(db: Db, slug: string) {
  const row = await findCurrentRubricVersion(db, slug);
  if (!row) throw new AppError('NOT_FOUND', 'No such challenge.');
  return { row, rubric: RubricSchema.parse(row.rubric) };
}

/** The challenge's folder (its naive solutions place anchors); null when this process cannot load it. */
function challengeOnDisk(slug: string): Pick<LoadedChallenge, 'slug' | 'solutions' | 'rubric'> | null {
  try {
    return loadChallenge(slug);
  } catch {
    return null;
  }
}

export async function rubricOverview(db: Db, slug: string): Promise<RubricOverview> {
  const { row } = await currentOf(db, slug);
  const [challenge, versions, draft, counts] = await Promise.all([
    findCurrentChallenge(db, slug),
    listRubricVersions(db, slug),
    findDraft(db, slug),
    sql<{ n: string }>`SELECT count(DISTINCT sc.submission_id) AS n FROM scores sc JOIN submissions s ON s.id = sc.submission_id WHERE s.challenge_slug = ${slug} AND s.kind = 'final'`.execute(db),
  ]);
  const current = versions.find((v) => v.id === row.id)!;
  const metrics = new Set<string>(COMMON_METRICS);
  for (const v of versions) for (const d of RubricSchema.parse(v.rubric).dimensions) metrics.add(d.metric);
  return {
    challengeSlug: slug,
    title: challenge?.title ?? slug,
    current: toRubricVersion(current),
    draft: draft ? toRubricDraft(draft) : null,
    metrics: [...metrics].sort(),
    scoredSubmissions: Number(counts.rows[0]?.n ?? 0),
  };
}

/**
 * Saves the panel's draft. The slug and the next version number are the
 * server's to set; anything else invalid is a 400 naming the field.
 */
export async function saveDraft(db: Db, user: UserRow, slug: string, rubric: unknown): Promise<void> {
  const { row } = await currentOf(db, slug);
  const next = (await highestRubricVersion(db, slug)) + 1;
  const candidate = typeof rubric === 'object' && rubric !== null ? { ...rubric, challenge: slug, version: next } : rubric;
  const parsed = RubricSchema.safeParse(candidate);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 50).map((i) => ({ path: ['rubric', ...i.path.map(String)].join('.'), message: i.message }));
    throw new AppError('VALIDATION_FAILED', 'The rubric is invalid.', { issues });
  }
  // The judge runs reference trials only when the challenge's own rubric has a relative threshold.
  const onDisk = challengeOnDisk(slug);
  if (onDisk && !onDisk.rubric.dimensions.some((d) => d.basis === 'relative')) {
    const i = parsed.data.dimensions.findIndex((d) => d.basis === 'relative');
    if (i >= 0) throw new AppError('VALIDATION_FAILED', 'The rubric is invalid.', { issues: [{ path: `rubric.dimensions.${i}.basis`, message: 'this challenge is judged without reference trials, so a relative basis cannot be measured' }] });
  }
  const existing = await findDraft(db, slug);
  await upsertDraft(db, { slug, baseVersionId: existing?.base_version_id ?? row.id, rubric: parsed.data, userId: user.id });
}

export async function discardDraft(db: Db, slug: string): Promise<void> {
  await currentOf(db, slug);
  if (!(await deleteDraft(db, slug))) throw new AppError('NOT_FOUND', 'There is no draft to discard.');
}

async function draftRubric(db: Db, slug: string): Promise<Rubric> {
  const draft = await findDraft(db, slug);
  if (!draft) throw new AppError('NOT_FOUND', 'There is no draft: save one first.');
  return RubricSchema.parse(draft.rubric);
}

/** `anonymized`: the viewer's stored preference (candidates by pseudonym). */
export async function previewOfDraft(db: Db, user: UserRow, slug: string, anonymized: boolean): Promise<RescorePreview> {
  const { row, rubric } = await currentOf(db, slug);
  const draft = await draftRubric(db, slug);
  return previewDraft({ db, challenge: challengeOnDisk(slug), current: { id: row.id, rubric }, draft, anonymized, viewer: user });
}

/**
 * Publishes the draft as the next version: new submissions of the challenge
 * are scored under it from now on. Stored scores are never touched; with
 * `rescorePast`, every scored submission gets a re-score row under the new
 * version beside its old ones, in the same transaction. Refused (409) when
 * the draft is not the one previewed (`body.draftHash`).
 */
export async function publishDraft(db: Db, user: UserRow, slug: string, body: Required<PublishRubricBody>): Promise<PublishRubricResult> {
  const { id, rescored } = await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${PUBLISH_LOCK}, hashtext(${slug}))`.execute(trx);
    const draftRow = await findDraft(trx, slug);
    if (!draftRow) throw new AppError('NOT_FOUND', 'There is no draft to publish.');
    // What is published must be what the publisher previewed: a panel member may have saved since.
    if (canonicalHash(RubricSchema.parse(draftRow.rubric)) !== body.draftHash) {
      throw new AppError('CONFLICT', 'The draft has changed since you previewed it. Look at the new preview, then publish again.');
    }
    const version = (await highestRubricVersion(trx, slug)) + 1;
    const rubric = RubricSchema.parse({ ...(draftRow.rubric as object), challenge: slug, version });
    const rubricJson = JSON.stringify(rubric);
    const row = await insertPanelVersion(trx, {
      slug, version, rubricJson,
      contentHash: createHash('sha256').update(rubricJson).digest('hex'),
      publishedBy: user.id,
      reason: body.reason,
    });
    await deleteDraft(trx, slug);
    let added = 0;
    if (body.rescorePast) {
      const runs = await listScoredRuns(trx, slug, row.id);
      const rows = runs.flatMap((r) => {
        const s = rescore(r.trials, r.checks, rubric);
        return s ? [{ submission_id: r.submission_id, run_id: r.run_id, rubric_version_id: row.id, total: s.total, level: s.level, dimensions: s.dimensions }] : [];
      });
      added = await insertRescores(trx, rows);
    }
    return { id: row.id, rescored: added };
  });
  const version = (await listRubricVersions(db, slug)).find((v) => v.id === id)!;
  return { version: toRubricVersion(version), rescored };
}

export async function versionsOf(db: Db, slug: string) {
  await currentOf(db, slug);
  return { versions: (await listRubricVersions(db, slug)).map(toRubricVersion) };
}
