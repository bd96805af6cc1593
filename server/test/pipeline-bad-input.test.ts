import { ErrorBodySchema } from '@assay/shared';
import { buildOnce } from './support/server-process';
import { ApiClient, redisUrlFor, setUpCandidate, solutionFiles, startPipelineServer, testDb, type Answer, type PipelineServer } from './support/pipeline';

jest.setTimeout(120_000);

const ADMIN = { email: 'root-bad@example.com', password: 'correct horse battery staple' };
let server: PipelineServer;
const db = testDb();

beforeAll(async () => {
  buildOnce();
  server = await startPipelineServer({
    ASSAY_ROLE: 'api',
    REDIS_URL: redisUrlFor(12),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    TRUST_PROXY_HOPS: '1',
    RATE_LIMIT_IP_PER_MINUTE: '300',
    RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '10',
  });
});
afterAll(async () => {
  await server?.stop();
  await db.destroy();
});

function expectError(res: Answer, status: number, code: string) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(ErrorBodySchema.safeParse(res.body).success).toBe(true);
}

const starter = () => solutionFiles('challenges/stream-log/starter');

async function startedCandidate() {
  const setup = await setUpCandidate(server.baseUrl, ADMIN);
  expect((await setup.candidate.post('/api/candidate/start')).status).toBe(200);
  return setup;
}

describe('bad input gets a 4xx in the one error shape, never a 500', () => {
  it('malformed JSON, wrong types, unknown fields, bad ids', async () => {
    const { candidate, staff } = await startedCandidate();
    const url = '/api/candidate/challenges/stream-log/submissions';
    expectError(await candidate.request('POST', url, undefined, { raw: '{"kind": "test", "files": ' }), 400, 'BAD_REQUEST');
    expectError(await candidate.request('POST', url, undefined, { raw: 'null' }), 400, 'BAD_REQUEST'); // JSON, but not an object
    expectError(await candidate.request('POST', url, undefined, { raw: '[1,2]' }), 400, 'VALIDATION_FAILED');
    expectError(await candidate.request('POST', url), 400, 'VALIDATION_FAILED');

    const wrongTypes = await candidate.post(url, { kind: 'final', files: { 'main.js': 42 } });
    expectError(wrongTypes, 400, 'VALIDATION_FAILED');
    expect(wrongTypes.body.error.details.issues[0]).toMatchObject({ path: 'files.main.js' });
    expectError(await candidate.post(url, { kind: 'exam', files: starter() }), 400, 'VALIDATION_FAILED');
    expectError(await candidate.post(url, { kind: 'test', files: {} }), 400, 'VALIDATION_FAILED');
    expectError(await candidate.post(url, { kind: 'test', files: { '../../etc/passwd': 'x' } }), 400, 'VALIDATION_FAILED');
    expectError(await candidate.post(url, { kind: 'test', files: { '/abs.js': 'x' } }), 400, 'VALIDATION_FAILED');
    expectError(await candidate.post(url, { kind: 'test', files: starter(), admin: true }), 400, 'VALIDATION_FAILED');
    expectError(await candidate.post('/api/candidate/challenges/Not_A_Slug!/submissions', { kind: 'test', files: starter() }), 400, 'VALIDATION_FAILED');
    expectError(await candidate.get('/api/candidate/submissions/not-a-uuid'), 400, 'VALIDATION_FAILED');
    expectError(await candidate.post('/api/candidate/activity', { events: [{ kind: 'keylogger' }] }), 400, 'VALIDATION_FAILED');

    expectError(await staff.post('/api/assessments', { title: '', challengeSlugs: ['stream-log'] }), 400, 'VALIDATION_FAILED');
    expectError(await staff.post('/api/assessments', { title: 'x', challengeSlugs: ['stream-log', 'stream-log'] }), 400, 'VALIDATION_FAILED');
    expectError(await staff.post('/api/assessments', { title: 'x', challengeSlugs: ['no-such-challenge'] }), 400, 'VALIDATION_FAILED');
    expectError(await staff.post('/api/assessments', { title: 'x', challengeSlugs: 'stream-log' }), 400, 'VALIDATION_FAILED');
    expectError(await staff.post('/api/auth/login', { email: ['a'], password: 1 }), 400, 'VALIDATION_FAILED');
    expectError(await staff.get('/api/nothing-here'), 404, 'NOT_FOUND');
  });

  it('answers 413 for code over the limit and for bodies over the size cap', async () => {
    const { candidate } = await startedCandidate();
    const url = '/api/candidate/challenges/stream-log/submissions';
    const tooBig = await candidate.post(url, { kind: 'test', files: { 'main.js': 'x'.repeat(512 * 1024) } });
    expectError(tooBig, 413, 'PAYLOAD_TOO_LARGE');
    expect(tooBig.body.error.details).toMatchObject({ limitBytes: 512 * 1024 });
    // Multi-byte characters count as the bytes they take.
    expectError(await candidate.post(url, { kind: 'test', files: { 'main.js': 'é'.repeat(200 * 1024) + 'x'.repeat(200 * 1024) } }), 413, 'PAYLOAD_TOO_LARGE');
    expectError(await candidate.post(url, { kind: 'test', files: { 'main.js': 'x'.repeat(2 * 1024 * 1024) } }), 413, 'PAYLOAD_TOO_LARGE');
    expectError(await candidate.put('/api/candidate/challenges/stream-log/draft', { files: { 'main.js': 'x'.repeat(513 * 1024) } }), 413, 'PAYLOAD_TOO_LARGE');
    // Just under the limit is fine.
    expect((await candidate.post(url, { kind: 'test', files: { 'main.js': 'x'.repeat(500 * 1024) } })).status).toBe(202);
  });

  it('refuses an unknown, revoked or expired token (401) and writes after the deadline (409)', async () => {
    expectError(await ApiClient.candidate(server.baseUrl, 'not-a-real-token').get('/api/candidate/assessment'), 401, 'UNAUTHENTICATED');
    expectError(await new ApiClient(server.baseUrl).request('GET', '/api/candidate/assessment', undefined, { headers: { authorization: 'Basic abc' } }), 401, 'UNAUTHENTICATED');

    // Expired before it was used.
    const unused = await setUpCandidate(server.baseUrl, ADMIN);
    await db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', unused.invitationId).execute();
    const expired = await unused.candidate.get('/api/candidate/assessment');
    expectError(expired, 401, 'UNAUTHENTICATED');
    expect(expired.body.error.message).toMatch(/expired/);
    expectError(await unused.candidate.post('/api/candidate/start'), 401, 'UNAUTHENTICATED');

    // Revoked by staff.
    const revoked = await setUpCandidate(server.baseUrl, ADMIN);
    expect((await revoked.staff.patch(`/api/invitations/${revoked.invitationId}`, { revoked: true })).body.state).toBe('revoked');
    expectError(await revoked.candidate.get('/api/candidate/assessment'), 401, 'UNAUTHENTICATED');

    // Past the deadline: reading still works (results), changing does not.
    const late = await startedCandidate();
    await db.updateTable('invitations').set({ deadline_at: new Date(Date.now() - 60_000) }).where('id', '=', late.invitationId).execute();
    expect((await late.candidate.get('/api/candidate/assessment')).body.state).toBe('finished');
    const afterDeadline = await late.candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'final', files: starter() });
    expectError(afterDeadline, 409, 'CONFLICT');
    expect(afterDeadline.body.error.message).toMatch(/deadline/);
    expectError(await late.candidate.put('/api/candidate/challenges/stream-log/draft', { files: starter() }), 409, 'CONFLICT');
    expectError(await late.candidate.post('/api/candidate/activity', { events: [{ kind: 'focus_lost' }] }), 409, 'CONFLICT');

    // Extra time granted afterwards moves the deadline: the candidate can go on.
    const extended = await late.staff.patch(`/api/invitations/${late.invitationId}`, { extraTimeMinutes: 30 });
    expect(extended.body.state).toBe('started');
    expect((await late.candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'test', files: starter() })).status).toBe(202);

    // Long after the deadline the link stops working altogether.
    await db.updateTable('invitations').set({ deadline_at: new Date(Date.now() - 25 * 3_600_000) }).where('id', '=', late.invitationId).execute();
    expectError(await late.candidate.get('/api/candidate/assessment'), 401, 'UNAUTHENTICATED');
  });
});

describe('rate limits', () => {
  it('limits submissions per candidate, counting bad requests too', async () => {
    const { candidate } = await startedCandidate();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'test' })).status);
    expect(statuses).toEqual([...Array(10).fill(400), 429]);
    // Another candidate is not affected.
    const other = await startedCandidate();
    expect((await other.candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'test' })).status).toBe(400);
  });

  it('limits API requests per IP address', async () => {
    const client = new ApiClient(server.baseUrl);
    const headers = { 'x-forwarded-for': '203.0.113.7' };
    const statuses = await Promise.all(Array.from({ length: 301 }, () => client.request('GET', '/api/auth/me', undefined, { headers }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(300);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    const limited = await client.request('GET', '/api/auth/me', undefined, { headers });
    expectError(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address still gets through.
    expect((await client.request('GET', '/api/auth/me', undefined, { headers: { 'x-forwarded-for': '203.0.113.8' } })).status).toBe(401);
  });
});
