'use strict';
/**
 * Visible tests: `node --test tests/*.test.js`. Each starts your server, puts
 * requests in flight, sends it SIGTERM and watches what happens.
 */
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const http = require('node:http');
const path = require('node:path');

async function start() {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'main.js')], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return { child, port, exited };
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  child.kill('SIGKILL');
  throw new Error('the server did not answer GET /health within 5 s');
}

function get(port, urlPath) {
  return new Promise((resolve) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath, agent: false }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      })
      .on('error', (err) => resolve({ error: err.code }));
  });
}

test('requests in flight at SIGTERM are answered, then the process exits with code 0', async () => {
  const { child, port, exited } = await start();
  const inFlight = [get(port, '/work?ms=800'), get(port, '/work?ms=800')];
  await new Promise((r) => setTimeout(r, 200));
  child.kill('SIGTERM');
  assert.deepEqual(await Promise.all(inFlight), [{ status: 200, body: 'done 800' }, { status: 200, body: 'done 800' }]);
  assert.deepEqual(await exited, { code: 0, signal: null });
});

test('no new connection is accepted after SIGTERM', async () => {
  const { child, port, exited } = await start();
  const inFlight = get(port, '/work?ms=800');
  await new Promise((r) => setTimeout(r, 200));
  child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 200));
  const late = await get(port, '/health');
  assert.ok(late.error === 'ECONNREFUSED' || late.status === 503, `a new connection after SIGTERM got ${JSON.stringify(late)}`);
  await inFlight;
  await exited;
});
