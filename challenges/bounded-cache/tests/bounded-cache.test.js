'use strict';
/**
 * Visible tests: `node --test tests/*.test.js`. They start a fake profile
 * service (tests/profiles.js) and your server.
 */
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const path = require('node:path');
const { startProfiles, profileBody } = require('./profiles.js');

let upstream;
let server;
let base;

before(async () => {
  upstream = await startProfiles(0, { latencyMs: 2 });
  const port = 20000 + Math.floor(Math.random() * 20000);
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [path.join(__dirname, '..', 'main.js')], {
    env: { ...process.env, PORT: String(port), UPSTREAM_URL: `http://127.0.0.1:${upstream.port}` },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error('the server did not answer GET /health within 5 s');
});
after(() => {
  server.kill();
  upstream.server.close();
  upstream.server.closeAllConnections();
});

const get = async (id) => {
  const res = await fetch(`${base}/profile/${id}`);
  return { status: res.status, body: await res.text() };
};

test('serves the profile service’s answer', async () => {
  assert.deepEqual(await get(7), { status: 200, body: profileBody(7) });
  assert.equal((await get(99999999)).status, 404);
});

test('a second request for a profile is served from the cache', async () => {
  await get(42);
  const calls = upstream.stats.calls;
  assert.equal((await get(42)).body, profileBody(42));
  assert.equal(upstream.stats.calls, calls);
});

test('the cache keeps at most 500 profiles (the oldest unused goes first)', async () => {
  await get(1000);
  for (let id = 2000; id < 2600; id++) await get(id);
  const calls = upstream.stats.calls;
  await get(1000);
  assert.equal(upstream.stats.calls, calls + 1, 'profile 1000 was still cached after 600 others: the cache is not bounded');
});
