import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AgreementSchema, candidatePseudonym, RescorePreviewSchema, RubricOverviewSchema, RubricSchema, WebhookDeliveryListSchema, type JudgeReport, type Rubric } from '@assay/shared';
import { syncChallenge } from '../src/catalog/catalog.sync';
import { loadChallenge } from '../src/challenges/challenge.loader';
import { createLogger } from '../src/platform/logger';
import { rescore } from '../src/rubrics/rubric.rescore';
import { scoreInForce } from '../src/submissions/submission.results';
import { verifyWebhookSignature } from '../src/webhooks/webhook.signature';
import { buildOnce } from './support/server-process';
import { ApiClient, eventually, redisUrlFor, scratchDatabaseUrl, setUpCandidate, solutionFiles, startPipelineServer, testDb, type PipelineServer } from './support/pipeline';

jest.setTimeout(420_000);

const ADMIN = { email: 'root-calibration@example.com', password: 'correct horse battery staple' };
const SECRET = 'whsec-calibration-test-secret';
const MiB = 1024 * 1024;

/** A webhook receiver on loopback: answers `codes` in turn (then 200) and keeps every call. */
function startReceiver(codes: number[]) {
  const calls: { headers: http.IncomingHttpHeaders; body: string; answered: number }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const answered = codes.shift() ?? 200;
      calls.push({ headers: req.headers, body, answered });
      res.writeHead(answered).end();
    });
  });
  return new Promise<{ url: string; calls: typeof calls; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/hooks/assay`, calls, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

let server: PipelineServer;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let dbUrl: string;

beforeAll(async () => {
  buildOnce();
  receiver = await startReceiver([500]);
  dbUrl = await scratchDatabaseUrl('calibration');
  server = await startPipelineServer({ DATABASE_URL: dbUrl, ASSAY_ROLE: 'all', REDIS_URL: redisUrlFor(16), ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, WORKER_CONCURRENCY: '1' });
});
afterAll(async () => {
  await server?.stop();
  await receiver?.close();
});

async function judged(candidate: ApiClient, id: string) {
  return eventually(async () => {
    const res = await candidate.get(`/api/candidate/submissions/${id}`);
    return res.body.status === 'done' || res.body.status === 'failed' ? res.body : undefined;
  }, 300_000, `submission ${id} to be judged`);
}

describe('panel calibration, end to end', () => {
  it('versions a rubric, previews a draft from stored measurements, publishes, scores new work under it, exports and calls the webhook', async () => {
    const { staff: admin, candidate, assessmentId, invitationId } = await setUpCandidate(server.baseUrl, ADMIN);
    expect((await admin.post('/api/users', { email: 'grace-cal@example.com', name: 'Grace', role: 'interviewer', password: 'grace-hopper-1906' })).status).toBe(201);
    expect((await admin.post('/api/users', { email: 'alan-cal@example.com', name: 'Alan', role: 'admin', password: 'alan-turing-1912' })).status).toBe(201);
    const grace = await new ApiClient(server.baseUrl).login('grace-cal@example.com', 'grace-hopper-1906');
    const alan = await new ApiClient(server.baseUrl).login('alan-cal@example.com', 'alan-turing-1912');

    // The webhook: admins only; the secret never comes back.
    expect((await grace.put('/api/webhook', { url: receiver.url, secret: SECRET })).status).toBe(403);
    expect((await admin.put('/api/webhook', { url: 'ftp://example.com', secret: SECRET })).status).toBe(400);
    const saved = await admin.put('/api/webhook', { url: receiver.url, secret: SECRET });
    expect(saved.body).toMatchObject({ configured: true, url: receiver.url, enabled: true, secretHint: '…cret' });
    expect(JSON.stringify((await admin.get('/api/webhook')).body)).not.toContain(SECRET);

    // Version 1 is the challenge's rubric.json; one reference submission scored under it.
    await candidate.post('/api/candidate/start');
    const first = await candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'final', files: solutionFiles('challenges/stream-log/solutions/reference') });
    const done1 = await judged(candidate, first.body.id);
    expect(done1).toMatchObject({ status: 'done', verdict: 'ACCEPTED', score: { rubricVersion: 'stream-log@1' } });

    const overview = RubricOverviewSchema.parse((await grace.get('/api/rubrics/stream-log')).body);
    expect(overview).toMatchObject({ current: { version: 1, source: 'file', isCurrent: true, publishedBy: null }, draft: null, scoredSubmissions: 1 });
    expect((await grace.get('/api/rubrics/stream-log/preview')).status).toBe(404);

    // While the rubric in force is the one the judge scored with, the judge's own score is stored as is,
    // although the stored rubric came back from jsonb with its keys in another order: a judge score
    // unlike any re-score of its trials is kept, not replaced by rescore().
    const db = testDb(dbUrl);
    const silent = createLogger('silent', 'test');
    const judgeReport = (run: { trials: JudgeReport['trials']; checks: JudgeReport['checks'] }, score: JudgeReport['score']) =>
      ({ challenge: 'stream-log', scale: 'quick', verdict: 'ACCEPTED', score, measurements: null, tests: [], checks: run.checks, trials: run.trials }) as JudgeReport;
    let judgeMark: NonNullable<JudgeReport['score']>;
    let firstRun: { trials: JudgeReport['trials']; checks: JudgeReport['checks'] };
    try {
      const run = await db.selectFrom('runs').selectAll().where('submission_id', '=', first.body.id).executeTakeFirstOrThrow();
      firstRun = run;
      const stored = await db.selectFrom('scores').selectAll().where('run_id', '=', run.id).executeTakeFirstOrThrow();
      const again = rescore(run.trials, run.checks, overview.current.rubric)!;
      judgeMark = { ...again, total: 12.34 };
      const kept = await scoreInForce(db, judgeReport(run, judgeMark), loadChallenge('stream-log'), silent);
      expect(kept).toEqual({ score: judgeMark, rubricVersionId: overview.current.id });
      // The stored score is therefore the judge's own; a re-score of the stored run reproduces it.
      expect({ total: again.total, level: again.level, dimensions: again.dimensions }).toEqual({ total: stored.total, level: stored.level, dimensions: stored.dimensions });
    } finally {
      await db.destroy();
    }

    // A draft: bad weights are refused with the field named; a good one is saved (version and slug set by the server).
    const current: Rubric = overview.current.rubric;
    const bad = await grace.put('/api/rubrics/stream-log/draft', { rubric: { ...current, dimensions: current.dimensions.map((d, i) => (i === 0 ? { ...d, weight: 50 } : d)) } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues).toContainEqual({ path: 'rubric.dimensions', message: 'weights must add up to 100 (they add up to 95)' });

    const same = await grace.put('/api/rubrics/stream-log/draft', { rubric: { ...current, version: 99, challenge: 'other' } });
    expect(same.status).toBe(200);
    expect(same.body.draft).toMatchObject({ baseVersion: 1, rubric: { version: 2, challenge: 'stream-log' }, updatedBy: { name: 'Grace' } });
    const unchanged = RescorePreviewSchema.parse((await grace.get('/api/rubrics/stream-log/preview')).body);
    expect(unchanged.after).toEqual(unchanged.before);
    expect(unchanged.before).toEqual([done1.score.total]);
    expect(unchanged.bandChanges).toEqual([]);
    expect(unchanged.anchors.find((a) => a.kind === 'reference')).toMatchObject({ samples: 1 });

    // Memory now worth 40 points and full marks only under 1 MiB: the reference drops a band.
    const tight = {
      ...current,
      dimensions: current.dimensions.map((d) => (d.name === 'correctness' ? { ...d, weight: 35 } : d.name === 'memory' ? { ...d, weight: 40, curve: [[1 * MiB, 1], [2 * MiB, 0]] } : d)),
    };
    expect((await grace.put('/api/rubrics/stream-log/draft', { rubric: tight })).status).toBe(200);
    const preview = RescorePreviewSchema.parse((await grace.get('/api/rubrics/stream-log/preview')).body);
    expect(preview).toMatchObject({ currentVersion: 'stream-log@1', draftVersion: 'stream-log@2', submissions: 1 });
    expect(preview.histogram.reduce((s, b) => s + b.before, 0)).toBe(1);
    expect(preview.histogram.reduce((s, b) => s + b.after, 0)).toBe(1);
    expect(preview.dimensions.find((d) => d.name === 'memory')).toMatchObject({ maxBefore: 20, maxAfter: 40 });
    expect(preview.dimensions.find((d) => d.name === 'memory')!.shift).toBeLessThan(0);
    // Grace did not make this assessment: its candidates are pseudonyms to her, the same ones the review pages show.
    expect(preview.bandChanges).toEqual([expect.objectContaining({ candidate: candidatePseudonym(invitationId), submissionId: first.body.id, before: { total: done1.score.total, level: done1.score.level } })]);
    expect(preview.anonymized).toBe(false);
    // The admin may see names, unless their own stored anonymized preference says otherwise; the query has no say.
    expect(RescorePreviewSchema.parse((await admin.get('/api/rubrics/stream-log/preview?anonymize=true')).body)).toMatchObject({ anonymized: false, bandChanges: [{ candidate: 'Ada' }] });
    expect((await admin.request('PATCH', '/api/auth/me/preferences', { anonymized: true })).status).toBe(200);
    const masked = await admin.get('/api/rubrics/stream-log/preview?anonymize=false');
    expect(RescorePreviewSchema.parse(masked.body)).toMatchObject({ anonymized: true, bandChanges: [{ candidate: candidatePseudonym(invitationId) }] });
    expect(JSON.stringify(masked.body)).not.toContain('"Ada"');
    expect((await admin.request('PATCH', '/api/auth/me/preferences', { anonymized: false })).status).toBe(200);
    expect(preview.anchorNotes.join(' ')).toMatch(/naive solution: it has not been submitted/);

    // Publishing is for admins, with a one-line reason; past submissions get a re-score row beside the old one.
    expect((await grace.post('/api/rubrics/stream-log/publish', { reason: 'memory matters more', draftHash: preview.draftHash })).status).toBe(403);
    expect((await admin.post('/api/rubrics/stream-log/publish', { reason: 'two\nlines', draftHash: preview.draftHash })).status).toBe(400);
    expect((await admin.post('/api/rubrics/stream-log/publish', { reason: 'Memory matters more' })).status).toBe(400); // which draft was previewed?

    // What is published is what was previewed: Grace saves another draft after the preview, so the publish is refused.
    const tighter = { ...tight, dimensions: tight.dimensions.map((d) => (d.name === 'memory' ? { ...d, curve: [[0.5 * MiB, 1], [1 * MiB, 0]] } : d)) };
    expect((await grace.put('/api/rubrics/stream-log/draft', { rubric: tighter })).status).toBe(200);
    const stale = await admin.post('/api/rubrics/stream-log/publish', { reason: 'Memory matters more for this role', rescorePast: true, draftHash: preview.draftHash });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/changed since you previewed it/) });
    expect((await admin.get('/api/rubrics/stream-log')).body).toMatchObject({ current: { version: 1 }, draft: { rubric: { dimensions: expect.arrayContaining([expect.objectContaining({ name: 'memory', curve: [[0.5 * MiB, 1], [1 * MiB, 0]] })]) } } });
    const tighterPreview = RescorePreviewSchema.parse((await admin.get('/api/rubrics/stream-log/preview')).body);
    expect(tighterPreview.draftHash).not.toBe(preview.draftHash);
    // Back to the draft that was previewed: its content, so its hash, is the previewed one again.
    expect((await grace.put('/api/rubrics/stream-log/draft', { rubric: tight })).status).toBe(200);
    const again = RescorePreviewSchema.parse((await admin.get('/api/rubrics/stream-log/preview')).body);
    expect(again.draftHash).toBe(preview.draftHash);
    const published = await admin.post('/api/rubrics/stream-log/publish', { reason: 'Memory matters more for this role', rescorePast: true, draftHash: again.draftHash });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ version: { version: 2, source: 'panel', isCurrent: true, reason: 'Memory matters more for this role', publishedBy: { name: expect.any(String) } }, rescored: 1 });
    expect((await admin.get('/api/rubrics/stream-log')).body).toMatchObject({ current: { version: 2 }, draft: null });
    const history = (await grace.get('/api/rubrics/stream-log/versions')).body.versions;
    expect(history.map((v: { version: number; isCurrent: boolean }) => [v.version, v.isCurrent])).toEqual([[2, true], [1, false]]);

    // The old submission keeps its version (a re-score row sits beside it); the candidate's view does not change.
    const detail = (await admin.get(`/api/submissions/${first.body.id}`)).body;
    expect(detail.scores.map((s: { rubricVersion: string }) => s.rubricVersion)).toEqual(['stream-log@1', 'stream-log@2']);
    expect((await candidate.get(`/api/candidate/submissions/${first.body.id}`)).body.score).toMatchObject({ rubricVersion: 'stream-log@1', total: done1.score.total });

    // A catalogue sync (a restart) does not put the file's version back in force.
    const db2 = testDb(dbUrl);
    try {
      await syncChallenge(db2, loadChallenge('stream-log'));
    } finally {
      await db2.destroy();
    }
    expect((await admin.get('/api/rubrics/stream-log')).body.current.version).toBe(2);

    // Under a version the judge did not score with, the stored score is a re-score under it, not the judge's.
    const db3 = testDb(dbUrl);
    try {
      const v2 = (await admin.get('/api/rubrics/stream-log')).body.current as { id: string; rubric: Rubric };
      const underV2 = await scoreInForce(db3, judgeReport(firstRun!, judgeMark!), loadChallenge('stream-log'), silent);
      expect(underV2).toEqual({ score: rescore(firstRun!.trials, firstRun!.checks, RubricSchema.parse(v2.rubric)), rubricVersionId: v2.id });
      expect(underV2!.score.total).not.toBe(12.34);
    } finally {
      await db3.destroy();
    }

    // A new submission is scored under version 2; its candidate's name would inject a formula into a spreadsheet.
    const invite = await admin.post(`/api/assessments/${assessmentId}/invitations`, { candidateName: '=HYPERLINK("http://x","y")', candidateEmail: 'mallory@example.com' });
    const second = ApiClient.candidate(server.baseUrl, invite.body.token);
    await second.post('/api/candidate/start');
    const sub2 = await second.post('/api/candidate/challenges/stream-log/submissions', { kind: 'final', files: solutionFiles('challenges/stream-log/solutions/naive') });
    const done2 = await judged(second, sub2.body.id);
    expect(done2).toMatchObject({ status: 'done', score: { rubricVersion: 'stream-log@2' } });

    // The naive solution, once scored, is an anchor of the next preview.
    expect((await grace.put('/api/rubrics/stream-log/draft', { rubric: tight })).status).toBe(200);
    const withNaive = RescorePreviewSchema.parse((await grace.get('/api/rubrics/stream-log/preview')).body);
    expect(withNaive.anchors.map((a) => a.name).sort()).toEqual(['naive', 'reference']);
    expect(withNaive.after).toEqual(withNaive.before); // the draft is what is in force now
    expect((await grace.request('DELETE', '/api/rubrics/stream-log/draft')).status).toBe(204);

    // Reviews by two admins: agreement (too few to mean anything), largest disagreement first, decisions to the webhook.
    const invitation2 = invite.body.invitation.id as string;
    await admin.put(`/api/invitations/${invitationId}/review`, { ratings: { correctness: 5, memory: 4, throughput: 4 }, decision: 'advance' });
    await alan.put(`/api/invitations/${invitationId}/review`, { ratings: { correctness: 5, memory: 3, throughput: 4 }, decision: 'advance' });
    await admin.put(`/api/invitations/${invitation2}/review`, { ratings: { correctness: 4, memory: 1, throughput: 1 }, decision: 'reject' });
    await alan.put(`/api/invitations/${invitation2}/review`, { ratings: { correctness: 2, memory: 2, throughput: 1 }, decision: 'hold' });
    expect((await grace.get(`/api/assessments/${assessmentId}/agreement`)).status).toBe(404);
    const agreement = AgreementSchema.parse((await admin.get(`/api/assessments/${assessmentId}/agreement`)).body);
    expect(agreement.raters).toHaveLength(2);
    expect(agreement.dimensions.map((d) => d.name)).toEqual(['correctness', 'memory', 'throughput']);
    expect(agreement.dimensions[0]!.alpha).toMatchObject({ level: 'ordinal', units: 2, pairableValues: 4, note: expect.stringMatching(/Too few pairable values/) });
    expect(agreement.decision.level).toBe('nominal');
    expect(agreement.disagreements.map((d) => d.invitationId)).toEqual([invitation2, invitationId]);
    expect(agreement.disagreements[0]!.spread).toBe(2 + 1 + 0 + 2);
    expect(agreement.manualVsAutomatic.map((m) => m.name)).toEqual(['correctness', 'memory', 'throughput']);

    // CSV: RFC 4180, one row per candidate and challenge, the formula defused.
    const csv = await admin.request('GET', `/api/assessments/${assessmentId}/export.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (csv.body as string).split('\r\n');
    expect(lines[0]).toBe('candidate,email,invited_at,started_at,finished_at,challenge,submission_id,verdict,rubric_version,total,level,correctness_points,memory_points,throughput_points,rescored_rubric_version,rescored_total,rescored_level,decisions,reviewers');
    expect(lines).toHaveLength(4); // header, two candidates, the final CRLF
    expect(lines[2]).toMatch(/^"'=HYPERLINK\(""http:\/\/x"",""y""\)",mallory@example.com,/);
    expect(lines[1]).toContain(',stream-log@1,');
    expect(lines[1]).toContain(',stream-log@2,');

    // An anonymized viewer (their stored preference; the query has no say) sees pseudonyms on the agreement and in the CSV, never names or emails.
    expect((await admin.request('PATCH', '/api/auth/me/preferences', { anonymized: true })).status).toBe(200);
    const maskedAgreement = await admin.get(`/api/assessments/${assessmentId}/agreement?anonymize=false`);
    expect(AgreementSchema.parse(maskedAgreement.body)).toMatchObject({ anonymized: true });
    expect(maskedAgreement.body.disagreements.map((d: { candidate: string }) => d.candidate)).toEqual([candidatePseudonym(invitation2), candidatePseudonym(invitationId)]);
    expect(JSON.stringify(maskedAgreement.body)).not.toMatch(/"Ada"|HYPERLINK/);
    const maskedCsv = (await admin.request('GET', `/api/assessments/${assessmentId}/export.csv?anonymize=false`)).body as string;
    const maskedLines = maskedCsv.split('\r\n');
    expect(maskedLines.slice(1, 3).map((l) => l.split(',').slice(0, 2)).sort()).toEqual([[candidatePseudonym(invitationId), ''], [candidatePseudonym(invitation2), '']].sort());
    expect(maskedCsv).not.toMatch(/Ada|HYPERLINK|@example\.com/);
    expect((await admin.request('PATCH', '/api/auth/me/preferences', { anonymized: false })).status).toBe(200);
    expect(AgreementSchema.parse((await admin.get(`/api/assessments/${assessmentId}/agreement`)).body).disagreements.map((d) => d.candidate)).toContain('Ada');

    // The webhook got both final scores (the first after a 500 and a retry) and the decisions, each signed.
    const test = await admin.post('/api/webhook/test');
    expect(test.status).toBe(202);
    await eventually(async () => (receiver.calls.filter((c) => c.answered === 200).length >= 7 ? true : undefined), 60_000, 'webhook deliveries');
    const events = receiver.calls.filter((c) => c.answered === 200).map((c) => {
      expect(verifyWebhookSignature({ secret: SECRET, body: c.body, timestamp: c.headers['x-assay-timestamp'] as string, signature: c.headers['x-assay-signature'] as string })).toEqual({ ok: true });
      return JSON.parse(c.body) as { event: string; data: Record<string, unknown> };
    });
    expect(events.filter((e) => e.event === 'score.final').map((e) => e.data.rubricVersion).sort()).toEqual(['stream-log@1', 'stream-log@2']); // the first arrives after its retry
    expect(events.filter((e) => e.event === 'review.decision')).toHaveLength(4);
    expect(events.filter((e) => e.event === 'test')).toHaveLength(1);
    expect(receiver.calls[0]!.answered).toBe(500);
    const retried = receiver.calls.filter((c) => c.headers['x-assay-delivery'] === receiver.calls[0]!.headers['x-assay-delivery']);
    expect(retried.map((c) => c.answered)).toEqual([500, 200]); // the same delivery, sent again after the backoff

    const log = WebhookDeliveryListSchema.parse((await admin.get('/api/webhook/deliveries')).body);
    expect(log.deliveries.every((d) => d.status === 'delivered')).toBe(true);
    expect(log.deliveries.at(-1)).toMatchObject({ event: 'score.final', attempts: 2, lastStatusCode: 200 });
    expect((await grace.get('/api/webhook/deliveries')).status).toBe(403);
    expect(RubricSchema.safeParse(published.body.version.rubric).success).toBe(true);
  });
});
