'use strict';
/**
 * Assay's load generator: an open-loop, constant-arrival-rate HTTP client.
 *
 * It runs with plain `node` inside the sandbox image (no npm packages there),
 * as a sidecar that shares only the candidate's loopback. It:
 *   1. waits until the target answers its readiness path with a 2xx;
 *   2. optionally keeps `background.concurrency` closed-loop workers busy on
 *      another endpoint (e.g. CPU-heavy POST /hash), checking every answer;
 *   3. sends probe i at t0 + i/rps (warm-up first, then the measured window)
 *      whatever happened to earlier probes, and times each one from its
 *      INTENDED send time: a server that stalls is charged for every request
 *      it delayed (no coordinated omission);
 *   4. prints one JSON report line on stdout and exits
 *      (0 measured, 3 target never ready, 2 bad options, 1 crash).
 *
 * Options: JSON in argv[2] or in ASSAY_LOADGEN_OPTIONS. loadgen.d.ts documents
 * each option and its default; this file is their single source of truth.
 */
const http = require('node:http');
const { createHistogram, performance } = require('node:perf_hooks');

const DEFAULTS = Object.freeze({
  host: '127.0.0.1',
  readiness: Object.freeze({ path: '/health', timeoutMs: 10_000, intervalMs: 50 }),
  probe: Object.freeze({ method: 'GET', path: '/health', warmupMs: 1_000, timeoutMs: 2_000, maxConnections: 64, spinMs: 2 }),
  background: Object.freeze({ method: 'POST', timeoutMs: 10_000 }),
  validity: Object.freeze({ maxDistortionMs: 1, maxDistortionShare: 0.1, maxSendLagMs: 50 }),
});
/** Answers bigger than this are cut off and count as errors: a candidate must not exhaust the generator. */
const MAX_BODY_BYTES = 1 << 20;

class LoadgenOptionsError extends Error {}

function fail(where, reason) {
  throw new LoadgenOptionsError(`loadgen option ${where} ${reason}`);
}

function objectAt(value, where, required) {
  if (value === undefined || value === null) {
    if (required) fail(where, 'is required');
    return {};
  }
  if (typeof value !== 'object' || Array.isArray(value)) fail(where, 'must be an object');
  return value;
}

function numberAt(value, where, { def, min, max = Number.MAX_SAFE_INTEGER, integer = false }) {
  if (value === undefined) {
    if (def === undefined) fail(where, 'is required');
    return def;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(where, 'must be a number');
  if (integer && !Number.isInteger(value)) fail(where, 'must be a whole number');
  if (value < min || value > max) fail(where, `must be from ${min} to ${max} (got ${value})`);
  return value;
}

function stringAt(value, where, def, pattern) {
  if (value === undefined) {
    if (def === undefined) fail(where, 'is required');
    return def;
  }
  if (typeof value !== 'string' || (pattern && !pattern.test(value))) fail(where, `must be a string${pattern ? ` matching ${pattern}` : ''}`);
  return value;
}

function headersAt(value, where) {
  const headers = objectAt(value, where, false);
  for (const [name, v] of Object.entries(headers)) if (typeof v !== 'string') fail(`${where}.${name}`, 'must be a string');
  return { ...headers };
}

/** A body is sent as given when a string, as JSON (with its content type) when anything else. */
function bodyAt(value, where, headers) {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  if (!hasType) headers['content-type'] = 'application/json';
  try {
    return JSON.stringify(value);
  } catch {
    return fail(where, 'must be a string or JSON-serialisable');
  }
}

const METHOD = /^[A-Z]+$/;
const PATH = /^\//;

/** Validates raw options (as parsed from JSON) and fills in the defaults. Throws LoadgenOptionsError. */
function normalizeOptions(raw) {
  const o = objectAt(raw, 'options', true);
  const target = objectAt(o.target, 'target', true);
  const readiness = objectAt(o.readiness, 'readiness', false);
  const probe = objectAt(o.probe, 'probe', true);
  const validity = objectAt(o.validity, 'validity', false);
  const probeHeaders = headersAt(probe.headers, 'probe.headers');
  const normalized = {
    target: {
      host: stringAt(target.host, 'target.host', DEFAULTS.host),
      port: numberAt(target.port, 'target.port', { min: 1, max: 65535, integer: true }),
    },
    readiness: {
      path: stringAt(readiness.path, 'readiness.path', DEFAULTS.readiness.path, PATH),
      timeoutMs: numberAt(readiness.timeoutMs, 'readiness.timeoutMs', { def: DEFAULTS.readiness.timeoutMs, min: 0 }),
      intervalMs: numberAt(readiness.intervalMs, 'readiness.intervalMs', { def: DEFAULTS.readiness.intervalMs, min: 1 }),
    },
    probe: {
      method: stringAt(probe.method, 'probe.method', DEFAULTS.probe.method, METHOD),
      path: stringAt(probe.path, 'probe.path', DEFAULTS.probe.path, PATH),
      headers: probeHeaders,
      body: bodyAt(probe.body, 'probe.body', probeHeaders),
      rps: numberAt(probe.rps, 'probe.rps', { min: 0.1, max: 100_000 }),
      durationMs: numberAt(probe.durationMs, 'probe.durationMs', { min: 1 }),
      warmupMs: numberAt(probe.warmupMs, 'probe.warmupMs', { def: DEFAULTS.probe.warmupMs, min: 0 }),
      timeoutMs: numberAt(probe.timeoutMs, 'probe.timeoutMs', { def: DEFAULTS.probe.timeoutMs, min: 1 }),
      maxConnections: numberAt(probe.maxConnections, 'probe.maxConnections', { def: DEFAULTS.probe.maxConnections, min: 1, integer: true }),
      spinMs: numberAt(probe.spinMs, 'probe.spinMs', { def: DEFAULTS.probe.spinMs, min: 0, max: 100 }),
    },
    background: null,
    validity: {
      maxDistortionMs: numberAt(validity.maxDistortionMs, 'validity.maxDistortionMs', { def: DEFAULTS.validity.maxDistortionMs, min: 0 }),
      maxDistortionShare: numberAt(validity.maxDistortionShare, 'validity.maxDistortionShare', { def: DEFAULTS.validity.maxDistortionShare, min: 0, max: 1 }),
      maxSendLagMs: numberAt(validity.maxSendLagMs, 'validity.maxSendLagMs', { def: DEFAULTS.validity.maxSendLagMs, min: 0 }),
    },
  };
  if (o.background !== undefined && o.background !== null) {
    const bg = objectAt(o.background, 'background', true);
    const headers = headersAt(bg.headers, 'background.headers');
    const rawBodies = bg.bodies === undefined ? [null] : bg.bodies;
    if (!Array.isArray(rawBodies) || rawBodies.length === 0) fail('background.bodies', 'must be a non-empty array');
    normalized.background = {
      concurrency: numberAt(bg.concurrency, 'background.concurrency', { min: 1, max: 1024, integer: true }),
      method: stringAt(bg.method, 'background.method', DEFAULTS.background.method, METHOD),
      path: stringAt(bg.path, 'background.path', undefined, PATH),
      headers,
      bodies: rawBodies.map((b, i) => bodyAt(b, `background.bodies[${i}]`, headers)),
      timeoutMs: numberAt(bg.timeoutMs, 'background.timeoutMs', { def: DEFAULTS.background.timeoutMs, min: 1 }),
      checkerPath: bg.checkerPath === undefined ? null : stringAt(bg.checkerPath, 'background.checkerPath', undefined, PATH),
    };
  }
  return normalized;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const micros = (ms) => Math.max(1, Math.round(ms * 1000));
const is2xx = (status) => status >= 200 && status < 300;

function requestOptions(target, spec, agent, body) {
  const headers = { ...spec.headers };
  if (body !== null) headers['content-length'] = String(Buffer.byteLength(body));
  return { host: target.host, port: target.port, method: spec.method, path: spec.path, headers, agent };
}

/** One request whose answer body is kept; resolves (never rejects) with {status, body} or {error}. */
function exchange(options, body, timeoutMs) {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = http.request(options, (res) => {
      const chunks = [];
      let size = 0;
      res.on('data', (chunk) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          settle({ error: 'socket', message: `answer larger than ${MAX_BODY_BYTES} bytes` });
          req.destroy();
        } else chunks.push(chunk);
      });
      res.on('end', () => settle({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('close', () => settle({ error: 'socket', message: 'connection closed mid-answer' }));
    });
    const timer = setTimeout(() => {
      settle({ error: 'timeout', message: `no answer within ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    req.on('error', (err) => settle({ error: 'socket', message: err.message }));
    req.end(body === null ? undefined : body);
  });
}

async function waitUntilReady({ target, readiness }) {
  const start = performance.now();
  const deadline = start + readiness.timeoutMs;
  const spec = { method: 'GET', path: readiness.path, headers: {} };
  let lastError = 'never tried';
  for (;;) {
    const left = deadline - performance.now();
    const result = await exchange(requestOptions(target, spec, false, null), null, Math.max(1, Math.min(1_000, left)));
    if (result.status !== undefined && is2xx(result.status)) return { ready: true, afterMs: performance.now() - start };
    lastError = result.status !== undefined ? `answered ${result.status}` : result.message;
    if (performance.now() + readiness.intervalMs > deadline) return { ready: false, lastError };
    await sleep(readiness.intervalMs);
  }
}

function loadChecker(path) {
  if (path === null) return () => true;
  // A checker that logs must not corrupt the one-line JSON report on stdout.
  console.log = console.error;
  const mod = require(path);
  const check = typeof mod === 'function' ? mod : mod && mod.check;
  if (typeof check !== 'function') fail('background.checkerPath', `(${path}) must export a function`);
  return check;
}

/** Closed-loop workers that keep `concurrency` requests in flight until stopped. */
function startBackground(opts, window) {
  const bg = opts.background;
  const check = loadChecker(bg.checkerPath);
  const agent = new http.Agent({ keepAlive: true, maxSockets: bg.concurrency });
  const stats = { count: 0, errors: 0, checkFailures: 0, firstFailure: null };
  const latency = createHistogram();
  let stopped = false;
  let seq = 0;
  const noteFailure = (reason) => {
    if (stats.firstFailure === null) stats.firstFailure = reason.slice(0, 500);
  };
  async function worker() {
    while (!stopped) {
      const n = seq++;
      const body = bg.bodies[n % bg.bodies.length];
      const sentAt = performance.now();
      const result = await exchange(requestOptions(opts.target, bg, agent, body), body, bg.timeoutMs);
      const doneAt = performance.now();
      if (stopped || !window.contains(doneAt)) {
        if (result.error === 'socket') await sleep(10); // a dead target must not turn this loop into a busy spin
        continue;
      }
      stats.count++;
      latency.record(micros(doneAt - sentAt));
      if (result.error !== undefined || !is2xx(result.status)) {
        stats.errors++;
        noteFailure(result.error !== undefined ? result.message : `answered ${result.status}`);
        if (result.error === 'socket') await sleep(10);
        continue;
      }
      let verdict;
      try {
        verdict = check({ status: result.status, body: result.body, requestBody: body, seq: n });
      } catch (err) {
        verdict = `checker threw: ${err && err.message}`;
      }
      if (verdict !== true && verdict !== undefined) {
        stats.checkFailures++;
        noteFailure(typeof verdict === 'string' ? verdict : 'rejected by the checker');
      }
    }
  }
  for (let i = 0; i < bg.concurrency; i++) void worker();
  return {
    stop() {
      stopped = true;
      agent.destroy();
      return { ...stats, p50Ms: percentileMs(latency, 50), p99Ms: percentileMs(latency, 99) };
    },
  };
}

function percentileMs(histogram, p) {
  return histogram.count === 0 ? 0 : histogram.percentile(p) / 1000;
}

/**
 * Sends probe i at t0 + i/rps. Probes before `warmupCount` are not measured.
 * The timer wakes `spinMs` early and the last stretch is polled with
 * setImmediate (which still serves I/O), so sends are not late by a timer tick.
 */
function runProbes(opts, plan, state) {
  const { probe, target } = opts;
  const agent = new http.Agent({ keepAlive: true, maxSockets: probe.maxConnections });
  const intervalMs = 1000 / probe.rps;
  const total = plan.warmupCount + plan.measuredCount;
  let inFlight = 0;
  let next = 0;
  return new Promise((resolve) => {
    const maybeDone = () => {
      if (next >= total && inFlight === 0) {
        agent.destroy();
        resolve();
      }
    };
    const send = (intended, measured) => {
      inFlight++;
      const sentAt = performance.now();
      if (measured) state.lag.record(micros(sentAt - intended));
      let done = false;
      const finish = (kind, status) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        inFlight--;
        if (measured) state.note(kind, status, intended, sentAt);
        maybeDone();
      };
      const req = http.request(requestOptions(target, probe, agent, probe.body), (res) => {
        res.on('end', () => finish(is2xx(res.statusCode) ? 'ok' : 'status', res.statusCode));
        res.on('close', () => finish('socket'));
        res.resume();
      });
      // Timers can fire up to a loop tick early: re-arm until the deadline has really passed.
      const deadline = intended + probe.timeoutMs;
      const expire = () => {
        if (performance.now() < deadline) return void (timer = setTimeout(expire, deadline - performance.now()));
        finish('timeout');
        req.destroy();
      };
      let timer = setTimeout(expire, deadline - performance.now());
      req.on('error', () => finish('socket'));
      req.end(probe.body === null ? undefined : probe.body);
    };
    const tick = () => {
      const now = performance.now();
      while (next < total && plan.t0 + next * intervalMs <= now) {
        send(plan.t0 + next * intervalMs, next >= plan.warmupCount);
        next++;
      }
      if (next >= total) return maybeDone();
      const wait = plan.t0 + next * intervalMs - performance.now();
      if (wait > probe.spinMs) setTimeout(tick, wait - probe.spinMs);
      else setImmediate(tick);
    };
    tick();
  });
}

function probeMethod(p) {
  return (
    `open loop: ${p.rps} req/s of ${p.method} ${p.path} for ${p.durationMs / 1000} s after ${p.warmupMs / 1000} s warm-up; ` +
    'latency from each request’s intended send time (no coordinated omission), ' +
    'perf_hooks HDR histogram in µs (3 significant digits), node:http keep-alive; ' +
    `timeouts (${p.timeoutMs} ms) recorded at the timeout, other errors not recorded`
  );
}

/**
 * A late send adds its lag to that request's latency. The measurement stands
 * while the percentiles a judge reads barely move when timed from the actual
 * send instead; each one that moves more than allowed makes the run invalid.
 */
function distortions(latency, fromSend, validity) {
  const reasons = [];
  for (const p of [50, 90, 99]) {
    const reported = percentileMs(latency, p);
    const sent = percentileMs(fromSend, p);
    const allowed = Math.max(validity.maxDistortionMs, validity.maxDistortionShare * reported);
    if (reported - sent > allowed) {
      reasons.push(`generator send lag moved p${p} from ${sent} to ${reported} ms (more than ${allowed.toFixed(3)} ms)`);
    }
  }
  return reasons;
}

/** Runs one measurement with normalized options and returns the report object. */
async function run(opts) {
  const ready = await waitUntilReady(opts);
  if (!ready.ready) return { status: 'not-ready', readyTimeoutMs: opts.readiness.timeoutMs, lastError: ready.lastError };
  const { probe } = opts;
  const warmupCount = Math.round((probe.warmupMs * probe.rps) / 1000);
  const measuredCount = Math.max(1, Math.round((probe.durationMs * probe.rps) / 1000));
  const t0 = performance.now() + 5;
  const windowStart = t0 + (warmupCount * 1000) / probe.rps;
  const windowEnd = windowStart + probe.durationMs;
  const window = { contains: (t) => t >= windowStart && t <= windowEnd };
  const background = opts.background ? startBackground(opts, window) : null;
  const latency = createHistogram(); // from the intended send time: what is reported
  const fromSend = createHistogram(); // from the actual send time: only to see how much the generator's lag moved it
  const lag = createHistogram();
  const errorsByKind = { status: 0, timeout: 0, socket: 0 };
  const statusCounts = {};
  let ok = 0;
  const note = (kind, status, intended, sentAt) => {
    if (status !== undefined) statusCounts[status] = (statusCounts[status] || 0) + 1;
    if (kind === 'ok') ok++;
    else errorsByKind[kind]++;
    if (kind === 'ok' || kind === 'timeout') {
      const now = performance.now();
      latency.record(micros(now - intended));
      fromSend.record(micros(now - sentAt));
    }
  };
  await runProbes(opts, { t0, warmupCount, measuredCount }, { lag, note });
  const backgroundStats = background ? background.stop() : null;
  const sendLag = { p99Ms: percentileMs(lag, 99), maxMs: lag.count === 0 ? 0 : lag.max / 1000 };
  const invalidReasons = distortions(latency, fromSend, opts.validity);
  if (sendLag.maxMs > opts.validity.maxSendLagMs) invalidReasons.push(`generator stalled: a send ${sendLag.maxMs} ms late (> ${opts.validity.maxSendLagMs} ms)`);
  return {
    status: 'ok',
    valid: invalidReasons.length === 0,
    invalidReasons,
    latency: {
      p50Ms: percentileMs(latency, 50),
      p90Ms: percentileMs(latency, 90),
      p99Ms: percentileMs(latency, 99),
      p999Ms: percentileMs(latency, 99.9),
      maxMs: latency.count === 0 ? 0 : latency.max / 1000,
      count: measuredCount,
      errors: errorsByKind.status + errorsByKind.timeout + errorsByKind.socket,
      targetRps: probe.rps,
      achievedRps: ok / (probe.durationMs / 1000),
      maxSendLagMs: sendLag.maxMs,
      method: probeMethod(probe),
    },
    sendLag,
    serviceLatency: { p50Ms: percentileMs(fromSend, 50), p90Ms: percentileMs(fromSend, 90), p99Ms: percentileMs(fromSend, 99) },
    errorsByKind,
    statusCounts,
    background: backgroundStats,
    readyAfterMs: ready.afterMs,
  };
}

function main() {
  const emit = (report, code) => process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(code));
  let opts;
  try {
    const text = process.argv[2] ?? process.env.ASSAY_LOADGEN_OPTIONS;
    if (text === undefined) fail('JSON', 'is missing: pass it as the first argument or in ASSAY_LOADGEN_OPTIONS');
    let raw;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      fail('JSON', `is not valid JSON (${err.message})`);
    }
    opts = normalizeOptions(raw);
    if (opts.background) loadChecker(opts.background.checkerPath);
  } catch (err) {
    return emit({ status: 'bad-options', message: err.message }, 2);
  }
  run(opts).then(
    (report) => emit(report, report.status === 'ok' ? 0 : 3),
    (err) => {
      process.stderr.write(`loadgen crashed: ${err && err.stack}\n`);
      process.exit(1);
    },
  );
}

module.exports = { DEFAULTS, LoadgenOptionsError, normalizeOptions, run };
if (require.main === module) main();
