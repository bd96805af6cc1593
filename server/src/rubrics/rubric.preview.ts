import { candidatePseudonym, type Anchor, type BandChange, type DimensionShift, type HistogramBinSchema, type RescorePreview, type Rubric, type Score, type ScoreDimension, type ScoringInput } from '@assay/shared';
import type { z } from 'zod';
import { readTextFiles } from '../catalog/catalog.files';
import type { LoadedChallenge } from '../challenges/challenge.types';
import type { Db } from '../db/db';
import { canonicalHash } from '../platform/canonical-json';
import { score } from '../scoring/score';
import { listScoredRunHeads, loadRunPayloads, submissionsWithFiles, type ScoredRunHead } from './rubric.repository';
import { medianPoint, scoringInputOf } from './rubric.rescore';

/**
 * Stored runs and score rows never change once written, so their parsed
 * scorer inputs are kept per process: a panel previewing draft after draft
 * reads only the narrow rows again. Oldest entries go first past the cap.
 * @defaultValue 50 000 runs (about 1 KiB each)
 */
const CACHE_CAP = 50_000;

/** A stored run's scorer input, its defaults filled in. */
type StoredInput = Required<ScoringInput>;
const cache = new Map<string, StoredInput>();
const dimensionCache = new Map<string, ScoreDimension[]>();

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.set(key, value);
  if (map.size > CACHE_CAP) map.delete(map.keys().next().value!);
}

async function fillCache(db: Db, heads: ScoredRunHead[]): Promise<void> {
  const runIds = heads.filter((h) => !cache.has(h.run_id)).map((h) => h.run_id);
  const scoreIds = heads.filter((h) => h.current_score_id && !dimensionCache.has(h.current_score_id)).map((h) => h.current_score_id!);
  if (!runIds.length && !scoreIds.length) return;
  const { runs, scores } = await loadRunPayloads(db, runIds, scoreIds);
  for (const r of runs) {
    const input = scoringInputOf(r.trials, r.checks);
    remember(cache, r.id, { candidate: input.candidate, reference: input.reference ?? [], checks: input.checks ?? [] });
  }
  for (const s of scores) remember(dimensionCache, s.id, s.dimensions);
}

/**
 * Reads every scored run of a challenge into the cache, so the editor's
 * first preview does not pay for it: called when the editor opens.
 */
export async function warmPreviewCache(db: Db, slug: string, currentVersionId: string): Promise<void> {
  await fillCache(db, await listScoredRunHeads(db, slug, currentVersionId));
}

/** Width of a histogram bin, in points of the total. */
const BIN_WIDTH = 5;
/** Runs whose reference trials are scored for the reference anchor (the most recent ones). */
const REFERENCE_SAMPLES = 200;

interface PreviewInput {
  db: Db;
  challenge: Pick<LoadedChallenge, 'slug' | 'solutions'> | null;
  current: { id: string; rubric: Rubric };
  draft: Rubric;
  /** The viewer's stored anonymized preference: every candidate by pseudonym. */
  anonymized: boolean;
  /** The viewer: names of candidates of assessments they cannot open are never shown to them. */
  viewer: { id: string; role: 'admin' | 'interviewer' };
  now?: () => number;
}

interface Rescored {
  run: ScoredRunHead;
  /** The run's scorer input, rebuilt from its stored trials. */
  stored: StoredInput;
  before: Pick<Score, 'total' | 'level' | 'dimensions'>;
  after: Score;
}

/**
 * What a draft would do: every scored final submission of the challenge is
 * re-scored under the draft from its stored measurements (the pure `score()`,
 * no sandbox). "Before" is its score under the version in force: the stored
 * row when that version scored it, else a re-score under it (a submission
 * judged under an older version that was not re-scored at publication).
 */
export async function previewDraft(input: PreviewInput): Promise<RescorePreview> {
  const clock = input.now ?? (() => performance.now());
  const started = clock();
  const heads = await listScoredRunHeads(input.db, input.current.rubric.challenge, input.current.id);
  await fillCache(input.db, heads);
  const rescored: Rescored[] = [];
  for (const run of heads) {
    const stored = cache.get(run.run_id)!;
    if (!stored.candidate.length) continue;
    const after = score(stored, input.draft);
    const dims = run.current_score_id ? dimensionCache.get(run.current_score_id) : undefined;
    const before = run.current_total !== null && dims ? { total: run.current_total, level: run.current_level!, dimensions: dims } : score(stored, input.current.rubric);
    rescored.push({ run, stored, before, after });
  }

  const { anchors, notes } = await anchorsOf(input, rescored);
  // The same stable pseudonym as on the review pages, so a panel can cross-reference without names.
  const label = (r: ScoredRunHead) => {
    const mayName = input.viewer.role === 'admin' || r.assessment_owner === input.viewer.id;
    return !input.anonymized && mayName ? r.candidate_name : candidatePseudonym(r.invitation_id);
  };

  const bandChanges: BandChange[] = rescored
    .filter((r) => r.before.level !== r.after.level)
    .map((r) => ({
      submissionId: r.run.submission_id,
      invitationId: r.run.invitation_id,
      candidate: label(r.run),
      before: { total: r.before.total, level: r.before.level },
      after: { total: r.after.total, level: r.after.level },
    }))
    .sort((a, b) => Math.abs(b.after.total - b.before.total) - Math.abs(a.after.total - a.before.total));

  const before = rescored.map((r) => r.before.total);
  const after = rescored.map((r) => r.after.total);
  return {
    challengeSlug: input.current.rubric.challenge,
    currentVersion: `${input.current.rubric.challenge}@${input.current.rubric.version}`,
    draftVersion: `${input.draft.challenge}@${input.draft.version}`,
    draftHash: canonicalHash(input.draft),
    anonymized: input.anonymized,
    submissions: rescored.length,
    before,
    after,
    histogram: histogram(before, after),
    meanBefore: mean(before),
    meanAfter: mean(after),
    dimensions: dimensionShifts(rescored, input.current.rubric, input.draft),
    anchors,
    anchorNotes: notes,
    bandChanges,
    elapsedMs: Math.round((clock() - started) * 10) / 10,
  };
}

export function histogram(before: readonly number[], after: readonly number[], width = BIN_WIDTH): z.infer<typeof HistogramBinSchema>[] {
  const n = Math.ceil(100 / width);
  const bins = Array.from({ length: n }, (_, i) => ({ from: i * width, to: Math.min(100, (i + 1) * width), before: 0, after: 0 }));
  const bin = (t: number) => Math.min(n - 1, Math.max(0, Math.floor(t / width)));
  for (const t of before) bins[bin(t)]!.before++;
  for (const t of after) bins[bin(t)]!.after++;
  return bins;
}

const mean = (xs: readonly number[]) => (xs.length ? round(xs.reduce((s, x) => s + x, 0) / xs.length) : null);
const round = (x: number) => Math.round(x * 100) / 100;

function dimensionShifts(rescored: Rescored[], current: Rubric, draft: Rubric): DimensionShift[] {
  const names = [...new Set([...current.dimensions.map((d) => d.name), ...draft.dimensions.map((d) => d.name)])];
  const pointsOf = (s: Pick<Score, 'dimensions'>, name: string) => s.dimensions.find((d) => d.name === name)?.points ?? 0;
  return names.map((name) => {
    const meanBefore = mean(rescored.map((r) => pointsOf(r.before, name))) ?? 0;
    const meanAfter = mean(rescored.map((r) => pointsOf(r.after, name))) ?? 0;
    return {
      name,
      maxBefore: current.dimensions.find((d) => d.name === name)?.weight ?? null,
      maxAfter: draft.dimensions.find((d) => d.name === name)?.weight ?? null,
      meanBefore,
      meanAfter,
      shift: round(meanAfter - meanBefore),
    };
  });
}

/**
 * The reference anchor is the reference solution's own trials stored with
 * each run (measured beside the candidate, so on the same machine at the
 * same moment), scored as a candidate; the median over recent runs. Naive
 * solutions are never run beside candidates, so their anchor is any stored
 * final submission whose files are exactly a naive solution's (e.g. staff
 * submitting it through a calibration invitation).
 */
async function anchorsOf(input: PreviewInput, rescored: Rescored[]): Promise<{ anchors: Anchor[]; notes: string[] }> {
  const anchors: Anchor[] = [];
  const notes: string[] = [];
  const recent = rescored.slice(-REFERENCE_SAMPLES);
  const asCandidate = (r: Rescored) => ({ candidate: r.stored.reference, reference: r.stored.reference, checks: [] });
  const withReference = recent.filter((r) => r.stored.reference.length);
  const beforeRef = withReference.map((r) => score(asCandidate(r), input.current.rubric));
  const afterRef = withReference.map((r) => score(asCandidate(r), input.draft));
  if (beforeRef.length && afterRef.length) {
    anchors.push({
      name: 'reference',
      kind: 'reference',
      before: medianPoint(beforeRef, input.current.rubric),
      after: medianPoint(afterRef, input.draft),
      source: `the reference trials measured beside ${beforeRef.length} candidate run${beforeRef.length === 1 ? '' : 's'} (median)`,
      samples: beforeRef.length,
    });
  } else {
    notes.push(rescored.length ? 'No reference anchor: the stored runs have no reference trials (the rubric in force has no relative threshold, so the judge ran none).' : 'No reference anchor: nothing has been scored yet.');
  }

  const naive = input.challenge?.solutions.naive ?? [];
  const filesJson = naive.map((dir) => JSON.stringify(readTextFiles(dir)));
  const found = await submissionsWithFiles(input.db, input.current.rubric.challenge, filesJson);
  for (const [i, dir] of naive.entries()) {
    const name = dir.split(/[\\/]/).pop()!;
    const ids = new Set(found.filter((f) => f.files_json === filesJson[i]).map((f) => f.id));
    const runs = rescored.filter((r) => ids.has(r.run.submission_id));
    if (!runs.length) {
      notes.push(`No anchor for the ${name} solution: it has not been submitted and scored (submit challenges/${input.current.rubric.challenge}/solutions/${name} through an invitation to place it).`);
      continue;
    }
    anchors.push({
      name,
      kind: 'naive',
      before: medianPoint(runs.map((r) => ({ ...r.before, rubricVersion: '' })), input.current.rubric),
      after: medianPoint(runs.map((r) => r.after), input.draft),
      source: `${runs.length} scored submission${runs.length === 1 ? '' : 's'} of solutions/${name}`,
      samples: runs.length,
    });
  }
  return { anchors, notes };
}
