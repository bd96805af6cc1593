'use strict';
/**
 * fan-out driver (sidecar): plays the item service (upstream, at most 8
 * requests at once) and calls the candidate's GET /aggregate: contract
 * checks, one big fan-out, then several at once sharing the upstream limit.
 */
const kit = require(process.env.ASSAY_DRIVER_KIT);
const { startUpstream, valueOf, latencyOf } = require(`${process.env.ASSAY_TESTS_DIR}/upstream.js`);

const expected = (ids) => ({ items: ids.map((id) => ({ id, value: valueOf(id) })), total: ids.reduce((s, id) => s + valueOf(id), 0) });
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
/** The best possible time: the upstream's busy time spread over `limit` slots, or the slowest item. */
const idealMs = (ids, limit) => Math.max(ids.reduce((s, id) => s + latencyOf(id), 0) / limit, ...ids.map(latencyOf));

kit.run(async (o) => {
  const upstream = await startUpstream(o.upstreamPort, { limit: o.limit });
  const ready = await kit.waitReady(o.port, { timeoutMs: o.readyTimeoutMs });
  if (!ready.ready) return { status: 'not-ready', detail: ready.detail };
  const get = (path) => kit.request(o.port, { path, timeoutMs: 20_000 });
  const answers = (r, ids) => r.status === 200 && kit.parseJson(r.body).ok && same(JSON.parse(r.body), expected(ids));
  const checks = [];

  for (const ids of [[1, 2, 3], [5, 5, 9], [42]]) {
    const r = await get(`/aggregate?ids=${ids.join(',')}`);
    checks.push(kit.check(`aggregate of ${ids.join(',')}`, answers(r, ids), kit.describe(r)));
  }
  for (const [label, query] of [['no ids', '/aggregate'], ['empty ids', '/aggregate?ids='], ['a non-number', '/aggregate?ids=1,x,3'], ['a negative id', '/aggregate?ids=1,-2'], ['201 ids', `/aggregate?ids=${Array.from({ length: 201 }, (_, i) => i + 1).join(',')}`]]) {
    const r = await get(query);
    checks.push(kit.check(`400 for ${label}`, r.status === 400, kit.describe(r)));
  }

  // Warm-up (connections, JIT), not timed.
  for (let w = 0; w < 2; w++) await get(`/aggregate?ids=${Array.from({ length: 40 }, (_, i) => 9000 + i).join(',')}`);

  const ratios = [];
  const big = Array.from({ length: o.bigIds }, (_, i) => 1000 + i * 3);
  let t = performance.now();
  const r1 = await get(`/aggregate?ids=${big.join(',')}`);
  ratios.push((performance.now() - t) / idealMs(big, o.limit));
  checks.push(kit.check(`aggregate of ${big.length} ids`, answers(r1, big), kit.describe(r1)));

  const groups = Array.from({ length: o.parallel }, (_, g) => Array.from({ length: o.parallelIds }, (_, i) => 5000 + g * 1000 + i));
  t = performance.now();
  const rs = await Promise.all(groups.map((ids) => get(`/aggregate?ids=${ids.join(',')}`)));
  ratios.push((performance.now() - t) / idealMs(groups.flat(), o.limit));
  const wrong = rs.filter((r, g) => !answers(r, groups[g])).length;
  checks.push(kit.check(`${o.parallel} aggregates at once`, wrong === 0, `${wrong} of ${o.parallel} wrong, e.g. ${kit.describe(rs.find((r, g) => !answers(r, groups[g])) || rs[0])}`));

  checks.push(kit.check(`never more than ${o.limit} upstream requests at once`, upstream.stats.maxInFlight <= o.limit && upstream.stats.rejected === 0, `${upstream.stats.rejected} upstream requests refused with 429`));
  return {
    status: 'ok',
    checks,
    metrics: { slowdown: (ratios[0] + ratios[1]) / 2, upstreamCalls: upstream.stats.calls, upstreamRejected: upstream.stats.rejected },
  };
});
