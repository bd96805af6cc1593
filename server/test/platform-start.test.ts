import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HealthReportSchema } from '@assay/shared';
import { isAlive, livePidFromFile } from '../src/platform/infra/process-utils';
import { buildOnce, freePort, startServerProcess, waitForHealth, type ServerProcess } from './support/server-process';

jest.setTimeout(240_000);

const external = () => ({ DATABASE_URL: process.env.DATABASE_URL!, REDIS_URL: process.env.REDIS_URL! });
let running: ServerProcess[] = [];
const track = (s: ServerProcess) => (running.push(s), s);

beforeAll(() => buildOnce());
afterEach(async () => {
  await Promise.all(running.map((s) => s.stop()));
  running = [];
});

describe('npm start on a machine with nothing configured', () => {
  it('runs embedded Postgres and a local Redis, is healthy, serves the client, and recovers from a crash', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-start-'));
    const env = {
      ASSAY_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
      LOCAL_REDIS_PORT: String(await freePort()),
    };
    const first = track(startServerProcess(env));
    const report = HealthReportSchema.parse(await waitForHealth(first));
    expect(report).toMatchObject({ status: 'ok', down: [] });
    expect(report.components.database.detail).toMatch(/^postgres \d+/);
    expect(report.components.queue.detail).toBe('redis PONG');
    expect(report.components.docker.detail).toMatch(/^docker engine /);

    const page = await fetch(`${first.baseUrl}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"></div>');
    const deepLink = await fetch(`${first.baseUrl}/review/123`);
    expect(deepLink.status).toBe(200);

    const pgPid = livePidFromFile(path.join(dataDir, 'postgres', 'postmaster.pid'));
    const redisPid = livePidFromFile(path.join(dataDir, 'redis', 'redis.pid'));
    expect(pgPid).toBeDefined();
    expect(redisPid).toBeDefined();

    // A crash leaves Postgres and Redis orphaned; the next start must take over, not fail.
    first.child.kill('SIGKILL');
    await first.exited;
    expect(isAlive(pgPid!)).toBe(true);
    const second = track(startServerProcess(env));
    await waitForHealth(second);

    // A clean stop takes the embedded services down with it.
    const newPg = livePidFromFile(path.join(dataDir, 'postgres', 'postmaster.pid'))!;
    const newRedis = livePidFromFile(path.join(dataDir, 'redis', 'redis.pid'))!;
    expect(await second.stop()).toBe(0);
    expect(isAlive(newPg)).toBe(false);
    expect(isAlive(newRedis)).toBe(false);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('the API process', () => {
  it('uses DATABASE_URL and REDIS_URL when set and starts nothing itself', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-ext-'));
    const server = track(startServerProcess({ ...external(), ASSAY_ROLE: 'api', ASSAY_DATA_DIR: dataDir, PORT: String(await freePort()) }));
    await waitForHealth(server);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('answers errors in the one JSON shape', async () => {
    const server = track(startServerProcess({ ...external(), ASSAY_ROLE: 'api', PORT: String(await freePort()) }));
    await waitForHealth(server);
    const missing = await fetch(`${server.baseUrl}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No such endpoint.' } });
    const malformed = await fetch(`${server.baseUrl}/api/anything`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"oops": ',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' } });
  });

  it('reports 503 naming the Docker engine when it is unreachable', async () => {
    const server = track(startServerProcess({
      ...external(), ASSAY_ROLE: 'api', PORT: String(await freePort()), DOCKER_SOCKET: '/nonexistent/docker.sock',
    }));
    const report = HealthReportSchema.parse(await waitForHealth(server, 503));
    expect(report.status).toBe('degraded');
    expect(report.down).toEqual(['docker']);
    expect(report.components.docker.detail).toContain('/nonexistent/docker.sock');
    expect(report.components.database.ok).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://nope' }, 'DATABASE_URL'],
    [{ ASSAY_ROLE: 'everything' }, 'ASSAY_ROLE'],
  ])('refuses bad configuration %j with one line naming %s and a non-zero exit', async (env, variable) => {
    const server = track(startServerProcess(env as Record<string, string>));
    const code = await server.exited;
    expect(code).not.toBe(0);
    const lines = server.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
  });
});
