import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../../../server/src/platform/paths';
import { driverHarness } from '../../../server/src/challenges/kit/server.harness';

const SIGNAL_PORT = 3999;
const HOOK_CONTAINER_PATH = '/opt/assay-hooks/signal-hook.cjs';

/**
 * graceful-shutdown: the candidate runs with the platform's signal hook
 * preloaded (no secret in it: it only lets the sidecar ask for SIGTERM); the
 * exit code comes from the run's outcome.
 */
export default driverHarness({
  driver: 'graceful-shutdown.driver.js',
  metrics: [],
  params: z.strictObject({
    inFlight: z.number().int().min(1).max(100),
    workMs: z.number().int().min(100).max(10_000),
    signalAfterMs: z.number().int().min(0),
    probeAfterMs: z.number().int().min(0),
    /** How long after the last in-flight answer the process must have exited. */
    exitWithinMs: z.number().int().min(100).max(30_000),
  }),
  nodeArgs: ['--require', HOOK_CONTAINER_PATH],
  mounts: [{ hostPath: path.join(repoRoot(), 'server', 'src', 'challenges', 'kit', 'signal-hook.cjs'), containerPath: HOOK_CONTAINER_PATH }],
  env: { ASSAY_SIGNAL_PORT: String(SIGNAL_PORT) },
  exitExpected: true,
  describe: (p) => `${p.inFlight} requests of ${p.workMs} ms in flight when SIGTERM arrives`,
  options: (p) => ({ ...p, signalPort: SIGNAL_PORT }),
  driverMs: (p) => p.signalAfterMs + p.workMs + p.exitWithinMs + 15_000,
  finish: (evaluation, run) => {
    if (evaluation.verdict) return evaluation; // it never became ready: nothing to add
    let exit;
    if (run.outcome === 'EXITED' && run.exitCode === 0) exit = { name: 'exits with code 0 after draining', passed: true };
    else if (run.outcome === 'EXITED') exit = { name: 'exits with code 0 after draining', passed: false, detail: run.signal ? `killed by ${run.signal}: no handler, or the default action` : `exited with code ${run.exitCode}` };
    else exit = { name: 'exits with code 0 after draining', passed: false, detail: 'still running after the in-flight requests were answered: something keeps the event loop alive' };
    return { ...evaluation, checks: [...evaluation.checks, exit] };
  },
});
