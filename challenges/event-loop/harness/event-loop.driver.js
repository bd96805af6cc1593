'use strict';
/**
 * event-loop driver (sidecar): checks the contract one request at a time,
 * then keeps POST /hash work in flight (closed loop, `concurrency` workers)
 * while the platform's load generator probes GET /health open-loop at a
 * constant rate. Every digest is checked.
 */
const path = require('node:path');
const kit = require(process.env.ASSAY_DRIVER_KIT);
const loadgen = require(process.env.ASSAY_LOADGEN);
const checker = require('./digest.checker.js');

const BAD_BODIES = [
  ['not JSON', '{"data": "x", "rounds": 1'],
  ['empty body', ''],
  ['a JSON array', '[1, 2]'],
  ['JSON null', 'null'],
  ['no data', '{"rounds": 1}'],
  ['data not a string', '{"data": 5, "rounds": 1}'],
  ['no rounds', '{"data": "x"}'],
  ['rounds 0', '{"data": "x", "rounds": 0}'],
  ['rounds 1000001', '{"data": "x", "rounds": 1000001}'],
  ['rounds 1.5', '{"data": "x", "rounds": 1.5}'],
  ['rounds as a string', '{"data": "x", "rounds": "5"}'],
  ['negative rounds', '{"data": "x", "rounds": -3}'],
];

kit.run(async (o) => {
  const ready = await kit.waitReady(o.port, { timeoutMs: o.readyTimeoutMs });
  if (!ready.ready) return { status: 'not-ready', detail: ready.detail };

  const checks = [];
  const health = await kit.request(o.port, { path: '/health' });
  checks.push(kit.check('GET /health answers 200 "ok"', health.status === 200 && health.body === 'ok', kit.describe(health)));

  for (const c of o.cases) {
    const r = await kit.request(o.port, { method: 'POST', path: '/hash', body: c.body, headers: { 'content-type': 'application/json' }, timeoutMs: 20000 });
    const parsed = r.status === 200 ? kit.parseJson(r.body) : { ok: false };
    const right = parsed.ok && parsed.value && parsed.value.digest === c.digest;
    checks.push(kit.check(`POST /hash ${c.label}`, right, r.status === 200 ? `wrong digest (answered ${r.body.slice(0, 90)})` : kit.describe(r)));
  }
  for (const [label, body] of BAD_BODIES) {
    const r = await kit.request(o.port, { method: 'POST', path: '/hash', body, headers: { 'content-type': 'application/json' } });
    checks.push(kit.check(`400 for ${label}`, r.status === 400, kit.describe(r)));
  }

  checker.prime(o.load.digests);
  const report = await loadgen.run(
    loadgen.normalizeOptions({
      target: { port: o.port },
      readiness: { timeoutMs: 2000 },
      probe: { path: '/health', rps: o.load.healthRps, durationMs: o.load.durationMs, warmupMs: o.load.warmupMs, timeoutMs: o.load.probeTimeoutMs },
      background: {
        concurrency: o.load.concurrency,
        path: '/hash',
        headers: { 'content-type': 'application/json' },
        bodies: o.load.digests.map(([body]) => body),
        timeoutMs: 30000,
        checkerPath: path.join(__dirname, 'digest.checker.js'),
      },
      validity: o.load.validity,
    }),
  );
  if (report.status !== 'ok') return { status: 'not-ready', detail: `the server stopped answering /health: ${report.lastError}` };
  const bg = report.background;
  const probeFailures = report.errorsByKind.status + report.errorsByKind.socket;
  checks.push(kit.check('every /hash digest under load is right', bg.checkFailures === 0, bg.firstFailure));
  checks.push(kit.check('/hash answers 200 under load', bg.errors === 0 && bg.count > 0, bg.count === 0 ? 'no /hash answer in the measured window' : `${bg.errors} failed: ${bg.firstFailure}`));
  checks.push(kit.check('/health answers 200 under load', probeFailures === 0, `${probeFailures} of ${report.latency.count} probes failed (${JSON.stringify(report.errorsByKind)})`));
  return {
    status: 'ok',
    checks,
    metrics: { hashesPerSec: bg.count / (o.load.durationMs / 1000), healthTimeouts: report.errorsByKind.timeout },
    latency: report.latency,
    ...(report.valid ? {} : { retry: report.invalidReasons.join('; ') }),
  };
});
