'use strict';
/**
 * rate-limiter driver (sidecar): scripted traffic per API key, each scenario
 * with keys of its own. Expected counts come from the token bucket (capacity
 * C, refill R/s) evaluated at the times the driver MEASURED, with the
 * uncertainty of those times as tolerance: a loaded machine cannot fail a
 * correct limiter, and a fixed window cannot pass.
 */
const http = require('node:http');
const kit = require(process.env.ASSAY_DRIVER_KIT);

const now = () => performance.now() / 1000;

kit.run(async (o) => {
  const ready = await kit.waitReady(o.port, { timeoutMs: o.readyTimeoutMs });
  if (!ready.ready) return { status: 'not-ready', detail: ready.detail };
  const { capacity: C, refillPerSec: R } = o;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const run = `${Date.now().toString(36)}`;
  const key = (name) => `${name}-${run}`;
  const call = (k) => kit.request(o.port, { path: '/api/data', headers: k === null ? {} : { 'x-api-key': k }, agent });
  const burst = async (k, n) => {
    const start = now();
    const rs = await Promise.all(Array.from({ length: n }, () => call(k)));
    return { rs, start, end: now(), ok: rs.filter((r) => r.status === 200).length };
  };
  const sleep = (s) => kit.sleep(s * 1000);
  /** Allowed after a full bucket was emptied: tokens refilled over [lo, hi] seconds. */
  const refillRange = (lo, hi, asked) => [Math.min(asked, Math.floor(R * lo - 0.05)), Math.min(asked, C, Math.ceil(R * hi + 0.05))];
  const within = (n, [lo, hi]) => n >= lo && n <= hi;
  const checks = [];

  // 1 + 2: a burst beyond capacity; the denied ones say when to come back.
  const b1 = await burst(key('burst'), C + 5);
  checks.push(kit.check(`a burst of ${C + 5} lets exactly ${C} through`, b1.ok === C, `${b1.ok} answered 200 (statuses: ${b1.rs.map((r) => r.status ?? r.code).join(',')})`));
  const denied = b1.rs.filter((r) => r.status === 429);
  const badRetry = denied.find((r) => !/^\d+$/.test(String(r.headers['retry-after'] ?? '')) || Number(r.headers['retry-after']) < 1);
  checks.push(kit.check('every 429 has a Retry-After of whole seconds ≥ 1', denied.length > 0 && !badRetry, badRetry ? `retry-after: ${JSON.stringify(badRetry.headers['retry-after'])}` : 'no 429 answered'));

  const scenarios = await Promise.all([
    // 3: a full refill period later, R more.
    (async () => {
      const k = key('refill');
      const a = await burst(k, C);
      await sleep(1);
      const b = await burst(k, C);
      const range = refillRange(b.start - a.end, b.end - a.start, C);
      return kit.check(`after emptying the bucket, 1 s refills ${R}`, a.ok === C && within(b.ok, range), `${b.ok} of ${C} let through, expected ${range.join('–')}`);
    })(),
    // 4: part of a period later, part of R (a fixed window lets 0 or all through).
    (async () => {
      const k = key('partial');
      const a = await burst(k, C);
      await sleep(0.4);
      const b = await burst(k, C);
      const range = refillRange(b.start - a.end, b.end - a.start, C);
      return kit.check('0.4 s after emptying the bucket, tokens refilled so far', a.ok === C && within(b.ok, range), `${b.ok} let through, expected ${range.join('–')}`);
    })(),
    // 5: below the rate, never limited.
    (async () => {
      const k = key('slow');
      let ok = 0;
      for (let i = 0; i < 12; i++) {
        ok += (await call(k)).status === 200 ? 1 : 0;
        await sleep(1 / (R * 0.8));
      }
      return kit.check(`a steady ${R * 0.8}/s is never limited`, ok === 12, `${12 - ok} of 12 limited`);
    })(),
    // 6: four times the rate for 2 s: the capacity, then R per second.
    (async () => {
      const k = key('fast');
      const n = Math.round(8 * R);
      const first = now();
      let ok = 0;
      for (let i = 0; i < n; i++) {
        const at = first + i / (4 * R);
        if (at > now()) await sleep(at - now());
        ok += (await call(k)).status === 200 ? 1 : 0;
      }
      const span = now() - first;
      const lo = C + Math.floor(R * (span - 0.1)) - 1;
      const hi = C + Math.ceil(R * (span + 0.1)) + 1;
      return kit.check(`a steady ${4 * R}/s gets ${R}/s through after the first ${C}`, ok >= lo && ok <= hi, `${ok} of ${n} let through in ${span.toFixed(2)} s, expected ${lo}–${hi}`);
    })(),
    // 8: Retry-After is honoured.
    (async () => {
      const k = key('retry');
      const b = await burst(k, C + 1);
      const no = b.rs.find((r) => r.status === 429);
      const wait = Number(no?.headers['retry-after']);
      if (!no || !(wait >= 1)) return kit.check('waiting Retry-After seconds is enough', false, no ? `retry-after: ${JSON.stringify(no.headers['retry-after'])}` : 'no 429 answered');
      await sleep(Math.min(wait, 5));
      const r = await call(k);
      return kit.check('waiting Retry-After seconds is enough', r.status === 200, `after ${wait} s: ${kit.describe(r)}`);
    })(),
  ]);
  checks.push(...scenarios);

  // 7: keys are independent of each other.
  const other = await burst(key('other'), C);
  checks.push(kit.check('another key is not limited by the first', other.ok === C, `${other.ok} of ${C} let through`));
  const many = await Promise.all(Array.from({ length: 50 }, (_, i) => call(key(`many-${i}`))));
  checks.push(kit.check('50 keys, one request each, all let through', many.every((r) => r.status === 200), `${many.filter((r) => r.status !== 200).length} limited`));
  // 9: no key.
  const anon = await call(null);
  checks.push(kit.check('401 without an x-api-key header', anon.status === 401, kit.describe(anon)));
  agent.destroy();
  return { status: 'ok', checks, metrics: {} };
});
