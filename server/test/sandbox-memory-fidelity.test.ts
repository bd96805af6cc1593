import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type Dockerode from 'dockerode';
import { repoRoot } from '../src/platform/paths';
import { SANDBOX_NODE_VERSION } from '../src/sandbox/image/image.constants';
import { defaultCacheDir, obtainNodeBinary } from '../src/sandbox/image/node-binary';
import { runInSandbox } from '../src/sandbox/sandbox.runner';
import { getTestSandbox, makeCodeDir } from './support/sandbox';

/**
 * The sandbox's peak-memory figure, net of the empty-Node baseline, must agree
 * with `/usr/bin/time -v` ("Maximum resident set size") for the same program,
 * run on the host with the same Node binary and the same preloaded probe.
 */
const MiB = 1024 * 1024;
const N_MIB = 100;
const PROGRAM = `const b = Buffer.alloc(${N_MIB} * 1024 * 1024); b.fill(1); console.log(b[b.length - 1]);`;

let docker: Dockerode;
let image: string;

beforeAll(async () => {
  ({ docker, image } = await getTestSandbox());
});

/** Max RSS in bytes as GNU time reports it (%M, KiB). */
function hostMaxRss(node: string, args: string[]): number {
  if (!fs.existsSync('/usr/bin/time')) throw new Error('/usr/bin/time is missing: apt-get install -y time');
  const report = path.join(makeCodeDir({}), 'time.txt');
  execFileSync('/usr/bin/time', ['-f', '%M', '-o', report, node, ...args], {
    env: { ...process.env, NODE_OPTIONS: `--require ${path.join(repoRoot(), 'sandboxes', 'node', 'probe.js')}` },
    stdio: 'ignore',
  });
  return Number(fs.readFileSync(report, 'utf8').trim()) * 1024;
}

describe('memory fidelity', () => {
  it(`reports a ${N_MIB} MiB allocation within 5 % of /usr/bin/time`, async () => {
    const code = makeCodeDir({ 'main.js': PROGRAM });
    const result = await runInSandbox(docker, image, { codeDir: code, command: ['node', 'main.js'] });
    expect(result.outcome).toBe('EXITED');
    expect(result.measurements.memoryMethod).toMatch(/getrusage maxRSS/);
    const sandboxNet = result.measurements.peakRssBytes - result.measurements.baselineRssBytes;

    const node = await obtainNodeBinary(SANDBOX_NODE_VERSION, defaultCacheDir(), () => {});
    const hostNet = hostMaxRss(node, [path.join(code, 'main.js')]) - hostMaxRss(node, ['-e', '0']);

    console.log(
      `fidelity: sandbox ${(sandboxNet / MiB).toFixed(2)} MiB (peak ${(result.measurements.peakRssBytes / MiB).toFixed(2)} - baseline ${(result.measurements.baselineRssBytes / MiB).toFixed(2)}), ` +
        `/usr/bin/time ${(hostNet / MiB).toFixed(2)} MiB, ratio ${(sandboxNet / hostNet).toFixed(4)}`,
    );
    expect(hostNet).toBeGreaterThan(N_MIB * MiB * 0.95);
    expect(Math.abs(sandboxNet - hostNet) / hostNet).toBeLessThan(0.05);
  });
});
