'use strict';
/**
 * Visible tests: `node --test tests/*.test.js`. They start your server on a
 * free port and call it. The hidden harness does the same under load while
 * timing /health.
 */
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const net = require('node:net');
const path = require('node:path');

const MAIN = path.join(__dirname, '..', 'main.js');
let server;
let base;

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error('the server did not answer GET /health within 5 s');
});
after(() => server.kill());

function expectedDigest(data, rounds) {
  let h = data;
  for (let i = 0; i < rounds; i++) h = crypto.createHash('sha256').update(h, 'utf8').digest('hex');
  return h;
}

const hash = (body) => fetch(`${base}/hash`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

test('GET /health answers 200 ok', async () => {
  const res = await fetch(`${base}/health`);
  assert.equal(res.status, 200);
  assert.equal(await res.text(), 'ok');
});

test('POST /hash computes the digest', async () => {
  for (const [data, rounds] of [['hello', 1], ['', 3], ['ünïcødé ✓', 10], ['x', 5000]]) {
    const res = await hash({ data, rounds });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { digest: expectedDigest(data, rounds) });
  }
});

test('POST /hash answers 400 to a bad body', async () => {
  for (const body of ['not json', '[]', '{"rounds": 1}', '{"data": 1, "rounds": 1}', '{"data": "x", "rounds": 0}', '{"data": "x", "rounds": 1.5}', '{"data": "x", "rounds": 1000001}']) {
    const res = await hash(body);
    assert.equal(res.status, 400, `body ${body}`);
  }
});

test('/health answers while a long hash is computed', async () => {
  const order = [];
  const long = hash({ data: 'long', rounds: 1_000_000 }).then(async (r) => {
    await r.json();
    order.push('hash');
  });
  await new Promise((r) => setTimeout(r, 50));
  const health = fetch(`${base}/health`).then(async (r) => {
    await r.text();
    order.push('health');
  });
  await Promise.all([long, health]);
  assert.deepEqual(order, ['health', 'hash'], '/health waited for the hash: the event loop is blocked');
});
