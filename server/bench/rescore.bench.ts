/**
 * `npm run bench:rescore`: previewing a draft rubric over 10,000 stored
 * scored submissions of one challenge (stream-log), three ways in the same run:
 *
 *   score() loop   the pure scorer under the draft over the same measurements in memory
 *                  (the floor: no database, no JSON)
 *   preview()      the preview as the API computes it, called in-process
 *                  (one query for the runs, re-score before/after, anchors)
 *   GET preview    the endpoint over HTTP on a real API process, login and all
 *
 * Target: the endpoint answers in <= 1 s for 10,000 submissions. Times are
 * medians of 5 after a first, cold call (printed too: stored runs are cached
 * per process once read, being immutable); ratios are to the score() loop.
 * Env: ASSAY_BENCH_SUBMISSIONS (default 10000), DATABASE_URL/REDIS_URL (else
 * embedded ones under .data/bench-rescore).
 */
import { createHash, randomUUID } from 'node:crypto';
import os from 'node:os';
import { RubricSchema, type CheckResult, type Rubric, type TrialSummary } from '@assay/shared';
import { syncChallenge } from '../src/catalog/catalog.sync';
import { loadChallenge } from '../src/challenges/challenge.loader';
import { migrateToLatest } from '../src/db/migrate';
import { previewDraft } from '../src/rubrics/rubric.preview';
import { findCurrentRubricVersion, listScoredRuns } from '../src/rubrics/rubric.repository';
import { scoringInputOf } from '../src/rubrics/rubric.rescore';
import { score } from '../src/scoring/score';
import { hashPassword } from '../src/auth/auth.password';
import { benchServices, stopBenchServices } from './bench.services';
import { buildOnce } from '../test/support/server-process';
import { ApiClient, startPipelineServer, testDb, type PipelineServer } from '../test/support/pipeline';
import { nowMs, printTable } from './bench.stats';

const N = Number(process.env.ASSAY_BENCH_SUBMISSIONS ?? 10_000);
const ADMIN = { email: 'bench-rescore@example.com', password: 'benchmark passphrase' };
const MiB = 1024 * 1024;
const REPEATS = 5;

/** A stored judgement like stream-log's: three interleaved pairs, the metrics trialMetrics records. */
function storedRun(i: number): { trials: TrialSummary[]; checks: CheckResult[] } {
  const r = (k: number) => ((Math.sin(i * 12.9898 + k * 78.233) * 43758.5453) % 1 + 1) % 1;
  const trials: TrialSummary[] = [];
  const correct = r(0) > 0.15;
  for (let t = 0; t < 3; t++) {
    const metrics = (role: 'reference' | 'candidate') => ({
      correctness: role === 'reference' || correct ? 1 : 0.5,
      peakRssBytes: (role === 'reference' ? 60 : 50 + r(t + 1) * 150) * MiB,
      peakRssOverBaselineBytes: (role === 'reference' ? 20 : 10 + r(t + 1) * 150) * MiB,
      wallMs: 800 + r(t + 4) * 2000,
      cpuMs: 700 + r(t + 7) * 1500,
      latencyP99Ms: null,
      latencyP50Ms: null,
      throughputBytesPerSec: (role === 'reference' ? 600 : 20 + r(t + 10) * 600) * MiB,
    });
    trials.push({ role: 'reference', index: t, verdict: 'ACCEPTED', outcome: 'EXITED', wallMs: 900, peakRssBytes: 60 * MiB, metrics: metrics('reference') });
    trials.push({ role: 'candidate', index: t, verdict: correct ? 'ACCEPTED' : 'WRONG_ANSWER', outcome: 'EXITED', wallMs: 1500, peakRssBytes: 90 * MiB, metrics: metrics('candidate') });
  }
  return { trials, checks: [{ name: 'line count', passed: true }, { name: 'totals per status', passed: correct }] };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function main(): Promise<void> {
  const owned = await benchServices({ name: 'bench-rescore', pgPort: 54359, redisPort: 6409, redisDb: 8 });
  buildOnce();
  const db = testDb();
  let api: PipelineServer | undefined;
  try {
    await migrateToLatest(db);
    const challenge = loadChallenge('stream-log');
    await syncChallenge(db, challenge);
    const current = (await findCurrentRubricVersion(db, 'stream-log'))!;
    const rubric: Rubric = RubricSchema.parse(current.rubric);
    const draft: Rubric = RubricSchema.parse({
      ...rubric,
      version: rubric.version + 1,
      dimensions: rubric.dimensions.map((d) => (d.name === 'correctness' ? { ...d, weight: d.weight - 10 } : d.name === 'memory' ? { ...d, weight: d.weight + 10, curve: [[32 * MiB, 1], [96 * MiB, 0]] } : d)),
    });

    // 10,000 candidates, each with one scored final submission (run + judged score), inserted in batches.
    const admin = await db.insertInto('users').values({ email: ADMIN.email, name: 'Bench', role: 'admin', password_hash: await hashPassword(ADMIN.password) }).returning('id').executeTakeFirstOrThrow();
    const assessment = await db.insertInto('assessments').values({ title: 'Rescore bench', time_allowed_minutes: 60, created_by: admin.id }).returning('id').executeTakeFirstOrThrow();
    const runs = Array.from({ length: N }, (_, i) => storedRun(i));
    const t0 = nowMs();
    for (let start = 0; start < N; start += 1000) {
      const batch = runs.slice(start, start + 1000);
      const inv = batch.map(() => ({ id: randomUUID(), assessment_id: assessment.id, candidate_name: `Candidate ${start}`, candidate_email: `c${start}@example.com`, token_hash: createHash('sha256').update(randomUUID()).digest('hex'), created_by: admin.id, expires_at: new Date(Date.now() + 86_400_000) }));
      await db.insertInto('invitations').values(inv).execute();
      const subs = batch.map((_, j) => ({ id: randomUUID(), invitation_id: inv[j]!.id, assessment_id: assessment.id, challenge_slug: 'stream-log', challenge_version_id: (current as { id: string }).id, kind: 'final' as const, files: '{}', size_bytes: 0, status: 'done' as const, verdict: 'ACCEPTED' as const }));
      const versionId = (await db.selectFrom('challenge_versions').select('id').where('slug', '=', 'stream-log').where('is_current', '=', true).executeTakeFirstOrThrow()).id;
      await db.insertInto('submissions').values(subs.map((s) => ({ ...s, challenge_version_id: versionId }))).execute();
      const runRows = batch.map((r, j) => ({ id: randomUUID(), submission_id: subs[j]!.id, attempt: 1, verdict: 'ACCEPTED' as const, message: null, internal_error: null, measurements: null, tests: '[]', checks: JSON.stringify(r.checks), trials: JSON.stringify(r.trials), log: '', output: '[]', challenge_content_hash: null }));
      await db.insertInto('runs').values(runRows).execute();
      await db.insertInto('scores').values(batch.map((r, j) => {
        const s = score(scoringInputOf(r.trials, r.checks), rubric);
        return { submission_id: subs[j]!.id, run_id: runRows[j]!.id, rubric_version_id: current.id, total: s.total, level: s.level, dimensions: JSON.stringify(s.dimensions) };
      })).execute();
    }
    console.log(`rescore bench: ${N} stored scored submissions of stream-log inserted in ${((nowMs() - t0) / 1000).toFixed(1)} s; ${os.availableParallelism()} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);

    // The floor: score() over the same measurements, in memory (before and after, as the preview does).
    const inputs = runs.map((r) => scoringInputOf(r.trials, r.checks));
    // What the preview computes per submission: its score under the draft ("before" is the stored score).
    const loop = () => { for (const input of inputs) score(input, draft); };
    loop();
    const loopTimes = Array.from({ length: REPEATS }, () => { const s = nowMs(); loop(); return nowMs() - s; });

    const viewer = { id: admin.id, role: 'admin' as const };
    const direct = () => previewDraft({ db, challenge, current: { id: current.id, rubric }, draft, anonymized: false, viewer });
    const c0 = nowMs();
    const first = await direct(); // cold: this process has not read these runs yet
    const directCold = nowMs() - c0;
    if (first.submissions !== N) throw new Error(`preview re-scored ${first.submissions} submissions, expected ${N}`);
    const queryTimes: number[] = [];
    for (let i = 0; i < REPEATS; i++) { const s = nowMs(); await listScoredRuns(db, 'stream-log', current.id); queryTimes.push(nowMs() - s); }
    const directTimes: number[] = [];
    for (let i = 0; i < REPEATS; i++) { const s = nowMs(); await direct(); directTimes.push(nowMs() - s); }

    api = await startPipelineServer({ ASSAY_ROLE: 'api', REDIS_URL: process.env.REDIS_URL!, RATE_LIMIT_IP_PER_MINUTE: '100000' });
    const client = await new ApiClient(api.baseUrl).login(ADMIN.email, ADMIN.password);
    const saved = await client.put('/api/rubrics/stream-log/draft', { rubric: draft });
    if (saved.status !== 200) throw new Error(`draft refused: ${saved.status} ${JSON.stringify(saved.body)}`);
    const get = async () => { const s = nowMs(); const res = await client.get('/api/rubrics/stream-log/preview'); if (res.status !== 200) throw new Error(`preview: ${res.status}`); return nowMs() - s; };
    const httpCold = await get(); // cold: this API process reads every run's trials once (PUT draft does not warm; opening the editor, GET /api/rubrics/:slug, would)
    const httpTimes: number[] = [];
    for (let i = 0; i < REPEATS; i++) httpTimes.push(await get());

    const floor = median(loopTimes);
    printTable(['variant', 'n', 'median', 'min', '× score() loop'], [
      ['score() loop under the draft, in memory', String(N), ms(floor), ms(Math.min(...loopTimes)), '1.00'],
      ['listScoredRuns: every run with its trials (what publish reads)', String(N), ms(median(queryTimes)), ms(Math.min(...queryTimes)), (median(queryTimes) / floor).toFixed(2)],
      ['preview(), in-process, first call (cold: every run read)', String(N), ms(directCold), '', (directCold / floor).toFixed(2)],
      ['preview(), in-process (query + re-score + anchors)', String(N), ms(median(directTimes)), ms(Math.min(...directTimes)), (median(directTimes) / floor).toFixed(2)],
      ['GET /api/rubrics/stream-log/preview, first call (cold)', String(N), ms(httpCold), '', (httpCold / floor).toFixed(2)],
      ['GET /api/rubrics/stream-log/preview over HTTP', String(N), ms(median(httpTimes)), ms(Math.min(...httpTimes)), (median(httpTimes) / floor).toFixed(2)],
    ]);
    console.log(`\npreview endpoint: ${ms(median(httpTimes))} warm, ${ms(httpCold)} cold, for ${N} submissions (target ≤ 1000 ms: ${median(httpTimes) <= 1000 ? 'met' : 'NOT met'} warm, ${httpCold <= 1000 ? 'met' : 'NOT met'} cold); ${first.bandChanges.length} band changes`);
  } finally {
    await api?.stop();
    await db.destroy();
    await stopBenchServices(owned);
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`rescore bench failed: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
