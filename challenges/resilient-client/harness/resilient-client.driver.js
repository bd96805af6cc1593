'use strict';
/**
 * resilient-client driver (sidecar): plays the price service and sends quote
 * requests at a constant rate through four phases: healthy, down (no answer
 * at all), healthy again, flaky (a share of calls fail: 503, reset, or no
 * answer). It measures what callers get (success, latency) and what the
 * upstream gets (calls while it is down).
 */
const kit = require(process.env.ASSAY_DRIVER_KIT);
const { startUpstream, priceOf } = require(`${process.env.ASSAY_TESTS_DIR}/flaky-upstream.js`);

const SYMBOLS = ['ACME', 'BOLT', 'CRUX', 'DYNA', 'EPIC', 'FLUX', 'GRID', 'HALO', 'IRIS', 'JADE'];

kit.run(async (o) => {
  const upstream = await startUpstream(o.upstreamPort, { seed: o.seed, failRate: o.failRate });
  const ready = await kit.waitReady(o.port, { timeoutMs: o.readyTimeoutMs });
  if (!ready.ready) return { status: 'not-ready', detail: ready.detail };
  const checks = [];

  const unknownBefore = upstream.state.calls.filter((c) => c.symbol === 'ZZZ').length;
  const unknown = await kit.request(o.port, { path: '/quote/ZZZ', timeoutMs: o.callerTimeoutMs });
  await kit.sleep(300); // late retries would show up here
  const unknownCalls = upstream.state.calls.filter((c) => c.symbol === 'ZZZ').length - unknownBefore;
  checks.push(kit.check('an unknown symbol: 404, asked once (4xx is not retried)', unknown.status === 404 && unknownCalls === 1, `${kit.describe(unknown)}, ${unknownCalls} upstream calls`));

  // Flaky last: retries of its last requests still meet a flaky service, not the outage.
  const phases = [
    ['healthy', o.healthyMs],
    ['hang', o.downMs],
    ['recovered', o.recoveredMs],
    ['flaky', o.flakyMs],
  ];
  const t0 = performance.now() + 20;
  const bounds = {};
  let at = t0;
  for (const [name, ms] of phases) {
    bounds[name] = [at, at + ms];
    at += ms;
  }
  const end = at;
  const results = [];
  const pending = [];
  const switcher = (async () => {
    for (const [name] of phases) {
      const wait = bounds[name][0] - performance.now();
      if (wait > 0) await kit.sleep(wait);
      upstream.state.mode = name === 'hang' ? 'hang' : name === 'flaky' ? 'flaky' : 'healthy';
    }
  })();
  for (let i = 0; t0 + (i * 1000) / o.rps < end; i++) {
    const sendAt = t0 + (i * 1000) / o.rps;
    const wait = sendAt - performance.now();
    if (wait > 0) await kit.sleep(wait);
    const symbol = SYMBOLS[i % SYMBOLS.length];
    const phase = phases.find(([name]) => sendAt < bounds[name][1])[0];
    pending.push(
      kit.request(o.port, { path: `/quote/${symbol}`, timeoutMs: o.callerTimeoutMs }).then((r) => {
        const right = r.status === 200 && kit.parseJson(r.body).ok && JSON.stringify(JSON.parse(r.body)) === JSON.stringify({ symbol, price: priceOf(symbol) });
        results.push({ phase, sendAt, status: r.status, ms: r.ms, right, error: r.code });
      }),
    );
  }
  await switcher;
  await Promise.all(pending);
  upstream.close();

  const of = (phase, from = 0) => results.filter((r) => r.phase === phase && r.sendAt >= bounds[phase][0] + from);
  const share = (rs, pred) => (rs.length ? rs.filter(pred).length / rs.length : 0);
  const healthy = of('healthy');
  checks.push(kit.check('all quotes right while the service is healthy', healthy.length > 0 && healthy.every((r) => r.right), `${healthy.filter((r) => !r.right).length} of ${healthy.length} not a right 200`));
  const wrong = results.filter((r) => r.status === 200 && !r.right);
  checks.push(kit.check('never a wrong price', wrong.length === 0, `${wrong.length} answers with a wrong body`));
  const late = results.filter((r) => r.error === 'ETIMEDOUT' || r.ms > o.answerWithinMs + 250);
  checks.push(kit.check(`every caller answered within ${o.answerWithinMs / 1000} s`, late.length === 0, `${late.length} of ${results.length} answered late or never`));
  const recovered = of('recovered', o.recoveredMs - 1000);
  const recoveredShare = share(recovered, (r) => r.right);
  checks.push(kit.check('back to normal within 1.5 s of the service recovering', recoveredShare >= 0.9, `${Math.round(recoveredShare * 100)}% right in the last second`));

  // While the service is down: upstream calls after the first second (time to notice), and caller latency.
  const [downStart, downEnd] = bounds.hang;
  const noticed = downStart + 1000;
  const downCalls = upstream.state.calls.filter((c) => c.at >= noticed && c.at < downEnd).length;
  const down = of('hang', 1000).map((r) => r.ms).sort((a, b) => a - b);
  return {
    status: 'ok',
    checks,
    metrics: {
      flakySuccess: share(of('flaky'), (r) => r.right),
      outageCallsPerSec: downCalls / ((downEnd - noticed) / 1000),
      outageP90Ms: down.length ? kit.percentile(down, 90) : null,
      recoveredShare,
    },
  };
});
