import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { defineHarness } from '../../../server/src/challenges/challenge.types';
import { cachedArtifact } from '../../../server/src/challenges/kit/artifact.cache';
import { driverSidecar, readDriverReport, READY_TIMEOUT_MS, serverPlan } from '../../../server/src/challenges/kit/server.harness';
import { EVENTS_GENERATOR_VERSION, generateEvents, type EventsFile } from './events.generator';

const MiB = 1024 * 1024;
const CONTAINER_DIR = '/data';
const FILE_NAME = 'events.ndjson';

/**
 * backpressure: a generated NDJSON file mounted read-only for the server; the
 * expected CSV's hash goes to the driver only.
 */
export default defineHarness({
  metrics: ['exportBytesPerSec'],
  params: z.strictObject({
    inputMiB: z.number().int().min(1).max(16_384),
    seed: z.number().int().nonnegative(),
    /** The slow client's pace, and how long it keeps it. */
    slowKiBPerSec: z.number().int().min(64),
    slowMs: z.number().int().min(0).max(60_000),
  }),
  async prepare(ctx, p) {
    const dir = await cachedArtifact(path.join(ctx.cacheDir, 'backpressure'), { v: EVENTS_GENERATOR_VERSION, seed: p.seed, inputMiB: p.inputMiB }, async (scratch) => {
      ctx.onProgress?.(`generating ${p.inputMiB} MiB of events`);
      fs.mkdirSync(path.join(scratch, 'input'));
      const events = await generateEvents(path.join(scratch, 'input', FILE_NAME), p.seed, p.inputMiB * MiB);
      fs.writeFileSync(path.join(scratch, 'expected.json'), JSON.stringify(events));
    });
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as EventsFile;
    const timeoutMs = 60_000;
    const sidecar = driverSidecar({
      challengeDir: ctx.challengeDir,
      driver: 'backpressure.driver.js',
      options: { readyTimeoutMs: READY_TIMEOUT_MS, csvSha256: expected.csvSha256, csvBytes: expected.csvBytes, slowBytesPerSec: p.slowKiBPerSec * 1024, slowMs: p.slowMs, timeoutMs },
      wallTimeMs: READY_TIMEOUT_MS + 2 * timeoutMs + 5_000,
    });
    return {
      description: `${(expected.bytes / MiB).toFixed(0)} MiB of events (${expected.events.toLocaleString('en-US')}) exported to a slow client, then a fast one`,
      plan: () =>
        serverPlan(sidecar, {
          env: { EVENTS_FILE: `${CONTAINER_DIR}/${FILE_NAME}` },
          mounts: [{ hostPath: path.join(dir, 'input'), containerPath: CONTAINER_DIR }],
        }),
      evaluate: (run) => readDriverReport(run),
    };
  },
});
