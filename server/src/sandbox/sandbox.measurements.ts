import type { RunMeasurements } from '@assay/shared';
import type { ExecuteOutput } from './sandbox.execute';

const PROBE_MEMORY = 'getrusage maxRSS at exit (preloaded probe; the figure /usr/bin/time -v prints), largest process';
/** How much larger a host sample must be than the probe's figure to replace it. */
const SAMPLE_OVERRIDE_RATIO = 1.05;
const PROBE_CPU = 'getrusage user/system CPU at exit (preloaded probe), summed over the Node processes that exited';

/**
 * Puts the run's figures together, each with how it was measured.
 *
 * Peak memory, in order of trust: the probe's getrusage maxRSS (exact, at
 * exit); the per-process VmHWM high-water marks sampled from the host's /proc
 * (exact up to the last sample, for processes killed before their probe could
 * report); the timeline's sum over processes when several ran at once (or
 * data sat in /tmp) and that sum is larger. A program killed by the kernel's
 * OOM killer reached the memory limit, whatever the last sample said.
 */
export function buildMeasurements(run: ExecuteOutput, baselineRssBytes: number, memoryLimitBytes: number): RunMeasurements {
  const reports = run.probeReports;
  const main = reports.find((r) => r.startPpid <= 1);
  const probePeak = reports.reduce((max, r) => Math.max(max, r.maxRssBytes), 0);
  const sumPeak = run.timeline.reduce((max, s) => Math.max(max, s.rssBytes), 0);
  // /proc and getrusage read the kernel's per-CPU-batched RSS counters at different moments: they differ by
  // ~0.1 %. Host samples override a probe report only when clearly larger (another process, data in /tmp).
  const clearlyAbove = (sampled: number) => (main ? sampled > probePeak * SAMPLE_OVERRIDE_RATIO : sampled > probePeak);
  const perProcessPeak = clearlyAbove(run.sampledHwmBytes) ? run.sampledHwmBytes : probePeak;
  let peakRssBytes = clearlyAbove(sumPeak) ? Math.max(perProcessPeak, sumPeak) : perProcessPeak;

  let memoryMethod: string;
  if (run.outcome === 'MEMORY_LIMIT' && !main) {
    peakRssBytes = Math.max(peakRssBytes, memoryLimitBytes);
    memoryMethod = 'the memory limit: the kernel OOM-killed the program when its cgroup reached it';
  } else if (peakRssBytes === sumPeak && sumPeak > perProcessPeak) {
    memoryMethod = `peak of the memory timeline, above any single process's maxRSS (several processes at once, or data in /tmp): ${run.timelineMethod}`;
  } else if (main && perProcessPeak === probePeak) {
    memoryMethod = PROBE_MEMORY;
  } else if (run.sampledHwmBytes > 0) {
    memoryMethod = `largest VmHWM (RSS high-water mark) read from the host's /proc every 50 ms: ${main ? 'a process that outgrew the reporting ones was killed' : 'the program was killed before its probe could report'}`;
  } else {
    memoryMethod = `peak of the memory timeline (no probe report): ${run.timelineMethod}`;
  }

  let cpuUserMs: number;
  let cpuSysMs: number;
  let cpuMethod: string;
  if (main) {
    cpuUserMs = reports.reduce((sum, r) => sum + r.userUs, 0) / 1000;
    cpuSysMs = reports.reduce((sum, r) => sum + r.sysUs, 0) / 1000;
    cpuMethod = PROBE_CPU;
  } else if (run.cgroupCpu) {
    cpuUserMs = run.cgroupCpu.userMs;
    cpuSysMs = run.cgroupCpu.sysMs;
    cpuMethod = 'cgroup CPU accounting of the whole container at its last sample (the program was killed before its probe reported)';
  } else {
    cpuUserMs = 0;
    cpuSysMs = 0;
    cpuMethod = 'not measured (no probe report and no cgroup sample)';
  }

  return {
    peakRssBytes,
    baselineRssBytes,
    memoryMethod,
    memoryTimeline: run.timeline,
    timelineMethod: run.timelineMethod,
    wallMs: run.wallMs,
    cpuUserMs,
    cpuSysMs,
    cpuMs: cpuUserMs + cpuSysMs,
    cpuMethod,
  };
}
