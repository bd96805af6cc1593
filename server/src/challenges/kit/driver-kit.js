'use strict';
/**
 * Helpers for challenge drivers: the trusted programs that run in the sidecar
 * (sharing only the candidate's loopback), exercise the candidate's server
 * and print ONE JSON report line on stdout. Plain Node, no packages: the
 * sandbox image has none.
 *
 * A driver reads its options from ASSAY_DRIVER_OPTIONS (JSON) and ends with
 * `report({...})`. Report shape (read by server.harness.ts):
 *   { status: 'ok', checks: [{name, passed, detail?}], metrics: {name: number|null},
 *     latency?: LatencySummary, retry?: string, notes?: string[] }
 *   { status: 'not-ready', detail }   the server never answered
 *   { status: 'error', detail }       the driver itself failed (a platform fault)
 */
const http = require('node:http');
const { performance } = require('node:perf_hooks');

const HOST = '127.0.0.1';
const MAX_BODY = 4 << 20;

function options() {
  const text = process.env.ASSAY_DRIVER_OPTIONS;
  if (!text) throw new Error('ASSAY_DRIVER_OPTIONS is missing');
  return JSON.parse(text);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One HTTP exchange. Never rejects: resolves {status, headers, body, ms} or
 * {error, code, ms} (ECONNREFUSED, ECONNRESET, timeout…).
 */
function request(port, { method = 'GET', path = '/', headers = {}, body = null, timeoutMs = 5000, agent = false } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    let done = false;
    const finish = (result) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ ...result, ms: performance.now() - started });
    };
    const payload = body === null ? null : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const h = { ...headers };
    if (payload !== null) {
      h['content-length'] = String(Buffer.byteLength(payload));
      if (typeof body === 'object' && !Buffer.isBuffer(body) && !Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = 'application/json';
    }
    const req = http.request({ host: HOST, port, method, path, headers: h, agent }, (res) => {
      const chunks = [];
      let size = 0;
      res.on('data', (c) => {
        size += c.length;
        if (size <= MAX_BODY) chunks.push(c);
      });
      res.on('end', () => finish({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), truncated: size > MAX_BODY }));
      res.on('error', (err) => finish({ error: err.message, code: err.code || 'ERESPONSE' }));
      res.on('close', () => finish({ error: 'connection closed mid-answer', code: 'ECLOSED' }));
    });
    const timer = setTimeout(() => {
      finish({ error: `no answer within ${timeoutMs} ms`, code: 'ETIMEDOUT' });
      req.destroy();
    }, timeoutMs);
    req.on('error', (err) => finish({ error: err.message, code: err.code || 'EREQUEST' }));
    req.end(payload === null ? undefined : payload);
  });
}

/** Polls GET `path` until it answers 2xx; false after `timeoutMs`. */
async function waitReady(port, { path = '/health', timeoutMs = 10000, intervalMs = 50 } = {}) {
  const deadline = performance.now() + timeoutMs;
  let last = 'never tried';
  while (performance.now() < deadline) {
    const r = await request(port, { path, timeoutMs: 1000 });
    if (r.status >= 200 && r.status < 300) return { ready: true };
    last = r.status !== undefined ? `answered ${r.status}` : r.error;
    await sleep(intervalMs);
  }
  return { ready: false, detail: `GET ${path} on port ${port} did not answer 2xx within ${timeoutMs} ms (last: ${last})` };
}

/** A check: passed, or failed with what was seen. */
function check(name, passed, detail) {
  return passed ? { name, passed: true } : { name, passed: false, detail: String(detail ?? 'failed').slice(0, 300) };
}

/** "answered 503 …" / "ECONNRESET: …": what a response was, for a failed check. */
function describe(r) {
  if (r.error) return `${r.code}: ${r.error}`;
  return `answered ${r.status} ${JSON.stringify(String(r.body).slice(0, 120))}`;
}

function parseJson(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Percentile (nearest rank) of a list of numbers. */
function percentile(values, p) {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Prints the one report line and exits once it is flushed. */
function report(obj, code = 0) {
  process.stdout.write(`${JSON.stringify(obj)}\n`, () => process.exit(code));
}

/** Runs a driver's main; any crash becomes an `error` report (a platform fault, not the candidate's). */
function run(main) {
  let opts;
  try {
    opts = options();
  } catch (err) {
    return report({ status: 'error', detail: `bad driver options: ${err.message}` }, 2);
  }
  Promise.resolve()
    .then(() => main(opts))
    .then(
      (result) => report(result),
      (err) => report({ status: 'error', detail: `driver crashed: ${(err && err.stack) || err}` }, 1),
    );
}

module.exports = { HOST, sleep, request, waitReady, check, describe, parseJson, percentile, report, run };
