/**
 * `node scripts/assay.mjs run server/bench/sandbox-steps.bench.ts`: where a cold
 * sandbox run's time goes, one Engine API step at a time (p50 and every trial,
 * ms), for the same container spec the runner uses. ASSAY_BENCH_LIBNETWORK=1
 * gives the container libnetwork's `none` network instead (NetworkDisabled
 * false), the way containers were started before, to compare.
 *
 * Env: ASSAY_BENCH_RUNS (trials, default 12).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDockerClient } from '../src/platform/docker';
import { ensureSandboxImage } from '../src/sandbox/image/sandbox-image';
import { candidateContainerSpec } from '../src/sandbox/sandbox.container-spec';
import { ownerLabels } from '../src/sandbox/sandbox.janitor';
import { DEFAULT_SANDBOX_LIMITS } from '../src/sandbox/sandbox.limits';
import { ProbeChannel } from '../src/sandbox/sandbox.probe-channel';
import { nowMs, parseStamps, percentile, STAMP_PROGRAM } from './bench.stats';

const RUNS = Number(process.env.ASSAY_BENCH_RUNS ?? 12);

async function main(): Promise<void> {
  const docker = createDockerClient(process.env.DOCKER_SOCKET || undefined);
  const image = await ensureSandboxImage(docker);
  const codeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-bench-'));
  fs.chmodSync(codeDir, 0o755);
  fs.writeFileSync(path.join(codeDir, 'main.js'), STAMP_PROGRAM, { mode: 0o644 });
  const steps: Record<string, number[]> = {};
  const add = (step: string, ms: number) => (steps[step] ??= []).push(ms);
  for (let i = 0; i < RUNS; i++) {
    const t0 = nowMs();
    const probe = await ProbeChannel.open('steps');
    const spec = candidateContainerSpec({
      runId: 'steps',
      image,
      command: ['node', 'main.js'],
      codeDir,
      limits: DEFAULT_SANDBOX_LIMITS,
      probeFifo: probe.hostPath,
      openStdin: false,
      labels: ownerLabels(),
    });
    if (process.env.ASSAY_BENCH_LIBNETWORK === '1') spec.NetworkDisabled = false;
    const container = await docker.createContainer(spec);
    const t1 = nowMs();
    add('create', t1 - t0);
    try {
      const stream = (await container.attach({ stream: true, stdout: true, stderr: true })) as NodeJS.ReadableStream;
      let out = '';
      stream.on('data', (d: Buffer) => (out += d.toString('latin1')));
      const ended = new Promise((r) => stream.on('end', r));
      const t2 = nowMs();
      add('attach', t2 - t1);
      const waited = container.wait({ condition: 'next-exit' });
      await container.start();
      const t3 = nowMs();
      add('start', t3 - t2);
      await waited;
      const t4 = nowMs();
      await ended;
      // Stream frames have 8-byte binary headers; the stamps are plain digits.
      const stamps = parseStamps(out.replace(/[^a-z0-9 \n]/g, ''));
      add('start answered → program runs', stamps.startMs - t3);
      add('program exit → wait answers', t4 - stamps.exitMs);
      await container.inspect();
      const t5 = nowMs();
      add('inspect', t5 - t4);
      await container.remove({ force: true, v: true });
      add('remove', nowMs() - t5);
    } finally {
      await container.remove({ force: true }).catch(() => {});
      await probe.close();
    }
  }
  const network = process.env.ASSAY_BENCH_LIBNETWORK === '1' ? "libnetwork 'none'" : 'NetworkDisabled (runc namespace)';
  console.log(`sandbox steps: ${image}, ${network}, ${RUNS} trials, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const [step, ms] of Object.entries(steps)) {
    console.log(`${step.padEnd(32)} p50 ${percentile(ms, 50).toFixed(1).padStart(6)}   ${ms.map((x) => x.toFixed(0)).join(' ')}`);
  }
  fs.rmSync(codeDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
