import { Queue } from 'bullmq';
import type { AssessmentEvent } from '@assay/shared';
import { sql } from 'kysely';
import { submitLastDrafts } from '../src/deadline/deadline.service';
import { LivePublisher } from '../src/live/live.publisher';
import { createLogger } from '../src/platform/logger';
import { createRedis } from '../src/platform/redis';
import { SubmissionQueue } from '../src/submissions/submission.queue';
import { SWEEP_JOB } from '../src/sweeper/sweeper';
import { QUEUE_NAME } from '../src/worker/job.registry';
import type { Db } from '../src/db/db';
import { buildOnce } from './support/server-process';
import { eventually, openSocket, redisUrlFor, scratchDatabaseUrl, setUpCandidate, solutionFiles, startPipelineServer, testDb, type ApiClient, type PipelineServer } from './support/pipeline';

jest.setTimeout(600_000);

const ADMIN = { email: 'root-deadline@example.com', password: 'correct horse battery staple' };
const REDIS_URL = redisUrlFor(6);
const GRACE_MS = 30_000; // DEADLINE_GRACE_SEC's default: the server runs without it set
let server: PipelineServer;
let databaseUrl: string;
let db: Db;
let queue: Queue;
let queueRedis: ReturnType<typeof createRedis>;

beforeAll(async () => {
  buildOnce();
  const DATABASE_URL = (databaseUrl = await scratchDatabaseUrl('deadline'));
  // The sweeper is left to the test (it adds sweep jobs itself), so each test knows what fired.
  server = await startPipelineServer({ DATABASE_URL, ASSAY_ROLE: 'all', REDIS_URL, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, WORKER_CONCURRENCY: '1', SWEEPER_INTERVAL_SEC: '86400' });
  db = testDb(DATABASE_URL);
  queueRedis = createRedis(REDIS_URL);
  queue = new Queue(QUEUE_NAME, { connection: queueRedis });
});
afterAll(async () => {
  await queue?.close();
  queueRedis?.disconnect();
  await db?.destroy();
  await server?.stop();
});

/** A candidate of stream-log + event-loop + fan-out (5 minutes), started. */
async function startedCandidate() {
  const set = await setUpCandidate(server.baseUrl, ADMIN, { assessment: { challengeSlugs: ['stream-log', 'event-loop', 'fan-out'], timeAllowedMinutes: 5 } });
  const started = await set.candidate.post('/api/candidate/start');
  expect(started.status).toBe(200);
  return { ...set, deadlineAt: new Date(started.body.deadlineAt as string) };
}

/** Puts the candidate's start 10 minutes back, so the 5-minute deadline is 5 minutes past. */
async function backdate(invitationId: string): Promise<void> {
  await sql`UPDATE invitations SET started_at = now() - interval '10 minutes', deadline_at = now() - interval '5 minutes' WHERE id = ${invitationId}`.execute(db);
}

async function finalsOf(staff: ApiClient, invitationId: string) {
  const { body } = await staff.get(`/api/invitations/${invitationId}/submissions`);
  return (body.submissions as { id: string; challengeSlug: string; kind: string; status: string; score: { total: number } | null }[]).filter((s) => s.kind === 'final');
}

async function autoSubmits(staff: ApiClient, invitationId: string) {
  const { body } = await staff.get(`/api/invitations/${invitationId}/activity`);
  return (body.events as { kind: string; challengeSlug: string; details: Record<string, unknown> }[]).filter((e) => e.kind === 'submit' && e.details.auto === true);
}

/** Runs a sweep on the server's worker, as its scheduler would, and waits for it to end. */
async function sweepNow(): Promise<void> {
  const job = await queue.add(SWEEP_JOB, {});
  await eventually(async () => ((await queue.getJob(job.id!))?.finishedOn ? true : undefined), 300_000, 'the sweep');
}

const crashAtOnce = { 'main.js': 'process.exit(3);\n' };

describe('the deadline loses nothing', () => {
  it('schedules a delayed job for the deadline plus grace, and another when extra time moves it', async () => {
    const { staff, invitationId, deadlineAt } = await startedCandidate();
    const job = await queue.getJob(`drafts-${invitationId}-${deadlineAt.getTime() + GRACE_MS}`);
    expect(job).toBeDefined();
    expect(await job!.getState()).toBe('delayed');
    expect(job!.timestamp + job!.opts.delay!).toBeGreaterThanOrEqual(deadlineAt.getTime() + GRACE_MS - 1000);

    const moved = await staff.patch(`/api/invitations/${invitationId}`, { extraTimeMinutes: 20 });
    expect(moved.status).toBe(200);
    const newDeadline = new Date(moved.body.deadlineAt as string).getTime();
    expect(newDeadline).toBe(deadlineAt.getTime() + 20 * 60_000);
    expect(await (await queue.getJob(`drafts-${invitationId}-${newDeadline + GRACE_MS}`))?.getState()).toBe('delayed');
  });

  it('at the deadline the server submits and scores each unsubmitted draft, with no client; a submitted challenge and one without a draft get nothing', async () => {
    const { staff, candidate, invitationId } = await startedCandidate();
    expect((await candidate.put('/api/candidate/challenges/stream-log/draft', { files: solutionFiles('challenges/stream-log/solutions/reference') })).status).toBe(200);
    expect((await candidate.put('/api/candidate/challenges/event-loop/draft', { files: solutionFiles('challenges/event-loop/starter') })).status).toBe(200);
    const own = await candidate.post('/api/candidate/challenges/event-loop/submissions', { kind: 'final', files: crashAtOnce });
    expect(own.status).toBe(202);

    // The browser is gone. Staff take the accommodation away from a start long ago: the
    // deadline moves into the past, and the rescheduled job fires at once.
    await backdate(invitationId);
    expect((await staff.patch(`/api/invitations/${invitationId}`, { extraTimeMinutes: 0 })).status).toBe(200);

    const scored = await eventually(async () => {
      const f = (await finalsOf(staff, invitationId)).find((s) => s.challengeSlug === 'stream-log');
      return f?.status === 'done' ? f : undefined;
    }, 400_000, 'the stream-log draft to be submitted and scored');
    expect(scored.score!.total).toBeGreaterThanOrEqual(90);
    const detail = await staff.get(`/api/submissions/${scored.id}`);
    expect(detail.body.files).toEqual(solutionFiles('challenges/stream-log/solutions/reference'));

    const finals = await finalsOf(staff, invitationId);
    expect(finals.filter((s) => s.challengeSlug === 'event-loop').map((s) => s.id)).toEqual([own.body.id]);
    expect(finals.filter((s) => s.challengeSlug === 'fan-out')).toEqual([]);
    expect(await autoSubmits(staff, invitationId)).toEqual([
      expect.objectContaining({ challengeSlug: 'stream-log', details: expect.objectContaining({ auto: true, trigger: 'deadline', submissionId: scored.id }) }),
    ]);

    // A sweep afterwards (the safety net) finds it done and submits nothing more.
    await sweepNow();
    expect((await finalsOf(staff, invitationId)).length).toBe(2);
  });

  it('the sweeper submits the drafts when no delayed job fired (deadline set in the database), and tells the board the deadline passed', async () => {
    const { staff, candidate, invitationId, assessmentId } = await startedCandidate();
    expect((await candidate.put('/api/candidate/challenges/fan-out/draft', { files: crashAtOnce })).status).toBe(200);
    const board = await openSocket(server.baseUrl, { cookie: staff.cookie });
    const invitationEvents: Extract<AssessmentEvent, { type: 'invitation' }>[] = [];
    board.on('assessment:event', (e) => { if (e.type === 'invitation') invitationEvents.push(e); });
    expect(await board.emitWithAck('assessment:subscribe', assessmentId)).toEqual({ ok: true });
    await backdate(invitationId);
    await sweepNow();
    await eventually(async () => invitationEvents.find((e) => e.invitationId === invitationId), 10_000, 'the invitation event').finally(() => board.disconnect());
    expect(invitationEvents).toEqual([expect.objectContaining({ invitationId, invitation: expect.objectContaining({ state: 'finished' }) })]);
    const finals = await finalsOf(staff, invitationId);
    expect(finals.map((f) => f.challengeSlug)).toEqual(['fan-out']);
    expect(await autoSubmits(staff, invitationId)).toEqual([expect.objectContaining({ challengeSlug: 'fan-out', details: expect.objectContaining({ trigger: 'sweeper' }) })]);
  });

  it('submits exactly once when many processes try at the same moment', async () => {
    const { staff, candidate, invitationId } = await startedCandidate();
    expect((await candidate.put('/api/candidate/challenges/stream-log/draft', { files: crashAtOnce })).status).toBe(200);
    expect((await candidate.put('/api/candidate/challenges/fan-out/draft', { files: crashAtOnce })).status).toBe(200);
    await backdate(invitationId);
    // Six racers in this process, each on its own database connections, beside the server's worker sweeping.
    const redis = createRedis(REDIS_URL);
    const subQueue = new SubmissionQueue(REDIS_URL, { attempts: 1, backoffMs: 1000 });
    const racers = Array.from({ length: 6 }, () => testDb(databaseUrl));
    const log = createLogger('silent', 'test');
    try {
      const sweep = sweepNow();
      const made = await Promise.all(racers.map((d) => submitLastDrafts({ db: d, queue: subQueue, live: new LivePublisher(redis, log, d), log }, invitationId, GRACE_MS, 'sweeper')));
      await sweep;
      const byRacers = made.flat().map((s) => s.challenge_slug).sort();
      // Either one racer won (both drafts) or the server's sweep did (none here).
      expect([['fan-out', 'stream-log'], []]).toContainEqual(byRacers);
    } finally {
      await Promise.all(racers.map((r) => r.destroy()));
      await subQueue.close();
      redis.disconnect();
    }
    expect((await finalsOf(staff, invitationId)).map((f) => f.challengeSlug).sort()).toEqual(['fan-out', 'stream-log']);
    expect(await autoSubmits(staff, invitationId)).toHaveLength(2);
  });

  it('finishing early submits the drafts at once', async () => {
    const { staff, candidate, invitationId } = await startedCandidate();
    expect((await candidate.put('/api/candidate/challenges/event-loop/draft', { files: crashAtOnce })).status).toBe(200);
    const finished = await candidate.post('/api/candidate/finish');
    expect(finished.status).toBe(200);
    const finals = await finalsOf(staff, invitationId);
    expect(finals.map((f) => f.challengeSlug)).toEqual(['event-loop']);
    expect(await autoSubmits(staff, invitationId)).toEqual([expect.objectContaining({ details: expect.objectContaining({ auto: true, trigger: 'finish' }) })]);
    const mine = await candidate.get('/api/candidate/submissions');
    expect(mine.body.submissions.map((s: { kind: string }) => s.kind)).toEqual(['final']);
  });

  it('accepts a final submission sent within the grace after the deadline, refuses one after it', async () => {
    const { candidate, invitationId } = await startedCandidate();
    await sql`UPDATE invitations SET started_at = now() - interval '5 minutes 10 seconds', deadline_at = now() - interval '10 seconds' WHERE id = ${invitationId}`.execute(db);
    const inGrace = await candidate.post('/api/candidate/challenges/fan-out/submissions', { kind: 'final', files: crashAtOnce });
    expect(inGrace.status).toBe(202);
    await sql`UPDATE invitations SET started_at = now() - interval '5 minutes 40 seconds', deadline_at = now() - interval '40 seconds' WHERE id = ${invitationId}`.execute(db);
    const late = await candidate.post('/api/candidate/challenges/fan-out/submissions', { kind: 'final', files: crashAtOnce });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/deadline/);
  });
});
