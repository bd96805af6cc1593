import type { CheckResult, JudgeReport, LatencySummary, ProgramOutput, ReportMeasurements, Scale, Score, TestResult, TrialSummary, Verdict } from '@assay/shared';
import type { SandboxRunResult } from '../../sandbox/sandbox.types';
import { median } from '../../scoring/score';

export interface ReportInput {
  challenge: string;
  scale: Scale;
  verdict: Verdict;
  score: Score;
  candidates: Array<{ run: SandboxRunResult; latency?: LatencySummary }>;
  tests: TestResult[];
  checks: CheckResult[];
  trials: TrialSummary[];
  /** The candidate program's output (never a reference run's or the harness's). */
  output: ProgramOutput[];
  message?: string;
}

export function buildReport(input: ReportInput): JudgeReport {
  return {
    challenge: input.challenge,
    scale: input.scale,
    verdict: input.verdict,
    score: input.score,
    measurements: reportMeasurements(input.candidates),
    tests: input.tests,
    checks: input.checks,
    trials: input.trials,
    output: input.output,
    ...(input.message ? { message: input.message } : {}),
  };
}

/** Each figure is the median over the candidate's trials; latency is the trial with the median p99. */
function reportMeasurements(candidates: ReportInput['candidates']): ReportMeasurements | null {
  if (!candidates.length) return null;
  const ms = candidates.map((c) => c.run.measurements);
  const of = (pick: (m: (typeof ms)[number]) => number) => median(ms.map(pick));
  const latencies = candidates.map((c) => c.latency ?? c.run.sidecar?.latency ?? c.run.measurements.latency).filter((l): l is LatencySummary => !!l);
  const byP99 = [...latencies].sort((a, b) => a.p99Ms - b.p99Ms);
  const latency = byP99[(byP99.length - 1) >> 1];
  return {
    peakRssBytes: Math.round(of((m) => m.peakRssBytes)),
    baselineRssBytes: Math.round(of((m) => m.baselineRssBytes)),
    wallMs: of((m) => m.wallMs),
    cpuMs: of((m) => m.cpuMs),
    memoryMethod: ms[0]!.memoryMethod,
    ...(latency ? { latency } : {}),
  };
}
