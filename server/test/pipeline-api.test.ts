import { spawn } from 'node:child_process';
import path from 'node:path';
import { ErrorBodySchema } from '@assay/shared';
import { repoRoot } from '../src/platform/paths';
import { buildOnce } from './support/server-process';
import { ApiClient, redisUrlFor, solutionFiles, startPipelineServer, testDb, type PipelineServer } from './support/pipeline';

jest.setTimeout(120_000);

const ADMIN = { email: 'root-api@example.com', password: 'correct horse battery staple' };
let server: PipelineServer;
let base: string;
const db = testDb();

beforeAll(async () => {
  buildOnce();
  // API only: submissions are stored and queued, never judged (no worker drains this Redis db).
  server = await startPipelineServer({
    ASSAY_ROLE: 'api',
    REDIS_URL: redisUrlFor(11),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    TRUST_PROXY_HOPS: '1',
    RATE_LIMIT_IP_PER_MINUTE: '300',
    RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '10',
  });
  base = server.baseUrl;
});
afterAll(async () => {
  await server?.stop();
  await db.destroy();
});

/** Every error answer has the one shape, and a 500 never shows up for anything a client sends. */
function expectError(res: { status: number; body: unknown }, status: number, code?: string) {
  expect({ status: res.status, body: res.body }).toMatchObject({ status, ...(code && { body: { error: { code } } }) });
  expect(ErrorBodySchema.safeParse(res.body).success).toBe(true);
}

const starter = () => solutionFiles('challenges/stream-log/starter');

describe('staff accounts and sessions', () => {
  it('logs in with an httpOnly SameSite=Strict cookie, needs the CSRF header to change anything, and logs out for good', async () => {
    expectError(await new ApiClient(base).post('/api/auth/login', { email: ADMIN.email, password: 'wrong password!' }), 401, 'UNAUTHENTICATED');
    expectError(await new ApiClient(base).post('/api/auth/login', { email: 'nobody@example.com', password: 'whatever-long' }), 401, 'UNAUTHENTICATED');

    const raw = await new ApiClient(base).post('/api/auth/login', { email: ADMIN.email.toUpperCase(), password: ADMIN.password });
    expect(raw.status).toBe(200);
    const setCookie = raw.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^assay_session=[\w-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(raw.body).toMatchObject({ user: { email: ADMIN.email, role: 'admin', disabled: false }, csrfToken: expect.any(String) });
    expect(JSON.stringify(raw.body)).not.toMatch(/password|hash/i);

    const admin = await new ApiClient(base).login(ADMIN.email, ADMIN.password);
    const me = await admin.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.csrfToken).toBe(admin.csrf);

    const noCsrf = await admin.request('POST', '/api/users', { email: 'x@example.com', name: 'X', role: 'interviewer', password: 'a-long-password' }, { csrf: false });
    expectError(noCsrf, 403, 'FORBIDDEN');
    const wrongCsrf = await admin.request('POST', '/api/users', { email: 'x@example.com', name: 'X', role: 'interviewer', password: 'a-long-password' }, { csrf: false, headers: { 'x-csrf-token': 'forged' } });
    expectError(wrongCsrf, 403, 'FORBIDDEN');

    expect((await admin.post('/api/auth/logout')).status).toBe(204);
    expectError(await admin.get('/api/auth/me'), 401, 'UNAUTHENTICATED');
  });

  it('lets an admin make interviewers, and disabling one ends their sessions at once', async () => {
    const admin = await new ApiClient(base).login(ADMIN.email, ADMIN.password);
    const created = await admin.post('/api/users', { email: 'Grace@Example.com', name: 'Grace', role: 'interviewer', password: 'grace-hopper-1906' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'grace@example.com', role: 'interviewer' });
    expectError(await admin.post('/api/users', { email: 'grace@example.com', name: 'G2', role: 'admin', password: 'another-long-one' }), 409, 'CONFLICT');
    expectError(await admin.post('/api/users', { email: 'short@example.com', name: 'S', role: 'interviewer', password: 'short' }), 400, 'VALIDATION_FAILED');

    const grace = await new ApiClient(base).login('grace@example.com', 'grace-hopper-1906');
    expect((await grace.get('/api/auth/me')).status).toBe(200);
    expect((await admin.patch(`/api/users/${created.body.id}`, { disabled: true })).status).toBe(200);
    expectError(await grace.get('/api/auth/me'), 401, 'UNAUTHENTICATED');
    expectError(await new ApiClient(base).post('/api/auth/login', { email: 'grace@example.com', password: 'grace-hopper-1906' }), 401);
    expectError(await admin.patch(`/api/users/${(await admin.get('/api/auth/me')).body.user.id}`, { disabled: true }), 409, 'CONFLICT');
  });

  it('creates another admin from the CLI, password on stdin, and refuses bad or duplicate input', async () => {
    // Asynchronous on purpose: a blocked event loop would leave the HTTP client a stale keep-alive socket.
    const cli = (args: string[], input: string) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join(repoRoot(), 'server/dist/main.cjs'), 'create-admin', ...args], {
          env: { PATH: process.env.PATH, DATABASE_URL: process.env.DATABASE_URL },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (status) => resolve({ status, stdout, stderr }));
        child.stdin.end(input);
      });
    const created = await cli(['Ops@Example.com', '--name', 'Ops Team'], 'a sufficiently long passphrase\n');
    expect({ status: created.status, stdout: created.stdout }).toEqual({ status: 0, stdout: 'Created admin ops@example.com.\n' });
    expect(await cli(['ops@example.com'], 'another long passphrase\n')).toMatchObject({ status: 1, stderr: expect.stringMatching(/already exists/) });
    expect(await cli(['new@example.com'], 'short\n')).toMatchObject({ status: 2, stderr: expect.stringMatching(/at least 12 characters/) });
    expect(await cli([], '')).toMatchObject({ status: 2, stderr: expect.stringMatching(/^usage: /) });
  });

  it('lets the CLI-made admin log in', async () => {
    const ops = await new ApiClient(base).login('ops@example.com', 'a sufficiently long passphrase');
    expect((await ops.get('/api/auth/me')).body.user).toMatchObject({ role: 'admin', name: 'Ops Team' });
  });

  it('limits login attempts per email (429 with Retry-After)', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 11; i++) {
      last = await new ApiClient(base).request('POST', '/api/auth/login', { email: 'brute@example.com', password: `guess-${i}` }, { headers: { 'x-forwarded-for': `10.1.0.${i}` } });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expectError(last!, 429, 'RATE_LIMITED');
    expect(Number(last!.headers.get('retry-after') ?? last!.body.error.details.retryAfterSec)).toBeGreaterThan(0);
  });
});

describe('the candidate side, from invitation to queued submission', () => {
  it('opens only with the token, starts the clock server-side, saves drafts, queues submissions and logs activity', async () => {
    const admin = await new ApiClient(base).login(ADMIN.email, ADMIN.password);
    const catalogue = await admin.get('/api/challenges');
    expect(catalogue.body.challenges.map((c: { slug: string }) => c.slug)).toContain('stream-log');
    const assessment = await admin.post('/api/assessments', { title: 'Flow', challengeSlugs: ['stream-log'] });
    expect(assessment.status).toBe(201);
    expect(assessment.body.timeAllowedMinutes).toBe(60);
    const invite = await admin.post(`/api/assessments/${assessment.body.id}/invitations`, { candidateName: 'Linus', candidateEmail: 'linus@example.com', extraTimeMinutes: 15 });
    expect(invite.status).toBe(201);
    expect(invite.body.path).toBe(`/take/${invite.body.token}`);
    const stored = await db.selectFrom('invitations').select('token_hash').where('id', '=', invite.body.invitation.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(invite.body.token);

    const candidate = ApiClient.candidate(base, invite.body.token);
    const before = await candidate.get('/api/candidate/assessment');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ state: 'pending', startedAt: null, deadlineAt: null, candidateName: 'Linus' });
    expect(before.body.challenges[0]).toMatchObject({ slug: 'stream-log', prompt: null, promptHtml: null, starterFiles: null });
    expectError(await candidate.put('/api/candidate/challenges/stream-log/draft', { files: starter() }), 409, 'CONFLICT');

    const started = await candidate.post('/api/candidate/start');
    expect(started.status).toBe(200);
    const { startedAt, deadlineAt } = started.body;
    expect(new Date(deadlineAt).getTime() - new Date(startedAt).getTime()).toBe((60 + 15) * 60_000);
    expect(started.body.challenges[0].prompt).toMatch(/\S/);
    expect(started.body.challenges[0].promptHtml).toContain('<h1>Stream a 10 GB log file</h1>');
    expect(started.body.challenges[0].starterFiles).toHaveProperty(['main.js']);
    expect(Object.keys(started.body.challenges[0].visibleTests)).toContain('stream-log.test.js');
    expect((await candidate.post('/api/candidate/start')).body.startedAt).toBe(startedAt); // idempotent

    const draft = await candidate.put('/api/candidate/challenges/stream-log/draft', { files: starter() });
    expect(draft.body).toMatchObject({ revision: 1 });
    expect((await candidate.put('/api/candidate/challenges/stream-log/draft', { files: starter(), baseRevision: 1 })).body.revision).toBe(2);
    expectError(await candidate.put('/api/candidate/challenges/stream-log/draft', { files: starter(), baseRevision: 1 }), 409, 'CONFLICT');
    // baseRevision 0 means "the first save": refused once a draft exists (another tab made it).
    expectError(await candidate.put('/api/candidate/challenges/stream-log/draft', { files: starter(), baseRevision: 0 }), 409, 'CONFLICT');
    expect((await candidate.get('/api/candidate/assessment')).body.challenges[0].draft.revision).toBe(2);

    const sub = await candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'test', files: starter() });
    expect(sub.status).toBe(202);
    expect(sub.body).toMatchObject({ status: 'queued', kind: 'test', challengeSlug: 'stream-log', verdict: null, score: null });
    expect((await candidate.get(`/api/candidate/submissions/${sub.body.id}`)).body.status).toBe('queued');
    expectError(await candidate.post('/api/candidate/challenges/no-such/submissions', { kind: 'test', files: starter() }), 404, 'NOT_FOUND');

    expect((await candidate.post('/api/candidate/activity', { events: [{ kind: 'paste', pasteChars: 1200, challengeSlug: 'stream-log' }, { kind: 'focus_lost' }] })).status).toBe(204);
    const mine = await candidate.get('/api/candidate/activity');
    expect(mine.body.disclosure).toMatch(/paste/);
    expect(mine.body.events.map((e: { kind: string }) => e.kind)).toEqual(['started', 'run', 'paste', 'focus_lost']);
    const theirs = await admin.get(`/api/invitations/${invite.body.invitation.id}/activity`);
    expect(theirs.body.events).toEqual(mine.body.events);

    const review = await admin.put(`/api/invitations/${invite.body.invitation.id}/review`, { notes: 'Solid streaming.', ratings: { correctness: 4 }, decision: 'advance' });
    expect(review.status).toBe(200);
    expect(review.body).toMatchObject({ decision: 'advance', ratings: { correctness: 4 }, reviewer: { name: 'Administrator' } });
    expect((await admin.get(`/api/invitations/${invite.body.invitation.id}/reviews`)).body.reviews).toHaveLength(1);

    const detail = await admin.get(`/api/submissions/${sub.body.id}`);
    expect(detail.body).toMatchObject({ candidateName: 'Linus', files: starter(), runs: [], scores: [] });

    // Finishing locks everything.
    expect((await candidate.post('/api/candidate/finish')).body.state).toBe('finished');
    expectError(await candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'final', files: starter() }), 409, 'CONFLICT');
  });
});
