'use strict';
/**
 * graceful-shutdown driver (sidecar): starts slow requests, asks for SIGTERM
 * (through the platform's signal hook in the candidate's process), then checks
 * that in-flight requests complete and new connections are refused.
 *
 * The candidate's exit ends the run and kills this sidecar at once, so the
 * report is printed again after every event, pessimistic until proven: the
 * last line printed is always the truth so far. Whether the process exited
 * by itself, and how, the harness reads from the run's outcome.
 */
const http = require('node:http');
const net = require('node:net');
const kit = require(process.env.ASSAY_DRIVER_KIT);

kit.run(async (o) => {
  const ready = await kit.waitReady(o.port, { timeoutMs: o.readyTimeoutMs });
  if (!ready.ready) return { status: 'not-ready', detail: ready.detail };

  const state = {
    health: kit.check('GET /health answers before SIGTERM', false, 'not checked'),
    inFlight: kit.check(`${o.inFlight} in-flight requests complete with 200`, false, 'the server stopped before answering them'),
    refused: kit.check('new connections are refused after SIGTERM', false, 'not checked: the server was gone before'),
  };
  const emit = () => process.stdout.write(`${JSON.stringify({ status: 'ok', checks: Object.values(state), metrics: {} })}\n`);

  // An idle keep-alive connection: a server that waits for it to close never exits.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const health = await kit.request(o.port, { path: '/health', agent });
  state.health = kit.check('GET /health answers before SIGTERM', health.status === 200, kit.describe(health));
  emit();

  let done = 0;
  let firstFailure = null;
  const slow = Array.from({ length: o.inFlight }, () =>
    kit.request(o.port, { path: `/work?ms=${o.workMs}`, timeoutMs: o.workMs + 10_000 }).then((r) => {
      if (r.status === 200 && r.body === `done ${o.workMs}`) done++;
      else firstFailure ??= kit.describe(r);
      state.inFlight = kit.check(`${o.inFlight} in-flight requests complete with 200`, done === o.inFlight, `${done} of ${o.inFlight} completed; first failure: ${firstFailure ?? 'still waiting'}`);
      emit();
    }),
  );
  await kit.sleep(o.signalAfterMs);
  await new Promise((resolve) => {
    const control = net.connect(o.signalPort, '127.0.0.1', () => control.end('SIGTERM\n'));
    control.resume(); // read the hook's reply: a paused socket never reaches 'close'
    control.on('error', resolve);
    control.on('close', resolve);
  });
  await kit.sleep(o.probeAfterMs);
  const late = await kit.request(o.port, { path: '/health', timeoutMs: 2000 });
  const refused = late.code === 'ECONNREFUSED' || late.status === 503;
  state.refused = kit.check('new connections are refused after SIGTERM', refused, late.code ? `${late.code}: ${late.error}` : `a new connection was ${kit.describe(late)}`);
  emit();
  await Promise.all(slow);
  emit();
  // Now the process should exit by itself; if it is still there after this, the run is stopped.
  await kit.sleep(o.exitWithinMs);
  agent.destroy();
  return { status: 'ok', checks: Object.values(state), metrics: {} };
});
