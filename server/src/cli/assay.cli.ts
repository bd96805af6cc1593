import path from 'node:path';
import { ChallengeLoadError, loadAllChallenges, loadChallenge } from '../challenges/challenge.loader';
import { judgeSubmission } from '../challenges/challenge.judge';
import type { LoadedChallenge } from '../challenges/challenge.types';
import { compareScales, slots, verifyChallenge, type ScaleAgreement, type SolutionCheck } from '../challenges/challenge.verify';
import type { Scale } from '@assay/shared';
import { SolutionError } from '../challenges/judge/judge.workspace';
import { ConfigError } from '../app/config';
import { parseCommand, USAGE, UsageError, type Command } from './cli.args';
import { cliContext } from './cli.context';
import { formatReport } from './cli.format';
import { ProgressView } from './cli.progress';

/** Exit codes: 0 done, 1 verification failed / bad input, 2 bad arguments, 3 platform error, 130 interrupted. */
const EXIT = { ok: 0, failed: 1, usage: 2, platform: 3, interrupted: 130 } as const;

const log = (message: string) => process.stderr.write(`${message}\n`);

export async function main(argv: string[]): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    log(`assay: ${err.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const abort = new AbortController();
  // Ctrl-C or a supervisor's SIGTERM: the runs stop and remove their containers before the process ends.
  const onSignal = () => {
    log('\ninterrupted: stopping the sandbox runs…');
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    switch (command.name) {
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return EXIT.ok;
      case 'list':
        return list(command.json);
      case 'score':
        return await scoreCommand(command, abort.signal);
      case 'verify':
        return await verifyCommand(command, abort.signal);
    }
  } catch (err) {
    if (err instanceof ChallengeLoadError || err instanceof SolutionError || err instanceof ConfigError) {
      log(`assay: ${err.message}`);
      return EXIT.failed;
    }
    log(`assay: ${(err as Error).stack ?? String(err)}`);
    return EXIT.platform;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

function list(json: boolean): number {
  const { challenges, errors } = loadAllChallenges();
  if (json) process.stdout.write(`${JSON.stringify(challenges.map((c) => c.manifest), null, 2)}\n`);
  else for (const c of challenges) process.stdout.write(`${c.slug.padEnd(22)}${c.manifest.kind.padEnd(8)}${c.manifest.title}\n`);
  for (const e of errors) log(`broken challenge: ${e.message}`);
  return errors.length ? EXIT.failed : EXIT.ok;
}

async function scoreCommand(command: Extract<Command, { name: 'score' }>, signal: AbortSignal): Promise<number> {
  const challenge = loadChallenge(command.slug);
  const ctx = await cliContext(log);
  const view = new ProgressView(command.slug);
  const report = await judgeSubmission({
    ...ctx,
    challenge,
    solutionDir: path.resolve(command.solution),
    scale: command.scale,
    signal,
    onProgress: (p) => view.update(p),
  });
  view.end();
  if (command.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`${formatReport(report, challenge.manifest.scales[command.scale].description)}\n`);
  if (signal.aborted) return EXIT.interrupted;
  return report.verdict === 'INTERNAL_ERROR' ? EXIT.platform : EXIT.ok;
}

async function verifyCommand(command: Extract<Command, { name: 'verify' }>, signal: AbortSignal): Promise<number> {
  let challenges;
  let broken: ChallengeLoadError[] = [];
  if (command.slugs === 'all') ({ challenges, errors: broken } = loadAllChallenges());
  else challenges = command.slugs.map((slug) => loadChallenge(slug));
  for (const e of broken) log(`broken challenge: ${e.message}`);

  const ctx = await cliContext(log);
  const scales: Scale[] = command.scale === 'both' ? ['quick', 'full'] : [command.scale];
  // One set of judging slots for every challenge: with --all, one challenge's correctness runs fill the
  // time another's timed trials hold the CPU lease. Each challenge's lines are printed when it is done (its
  // "verified in" time counts waiting for a slot); the JSON keeps catalogue order.
  const shared = slots(command.jobs);
  const verifyOne = async (challenge: LoadedChallenge) => {
    const lines: string[] = [];
    const checksOf: SolutionCheck[] = [];
    const agreedOf: ScaleAgreement[] = [];
    const byScale: SolutionCheck[][] = [];
    for (const scale of scales) {
      if (signal.aborted) break;
      const started = Date.now();
      const views = new Map<string, ProgressView>();
      const checks = await verifyChallenge(challenge, {
        ...ctx,
        scale,
        signal,
        slots: shared,
        onProgress: (solution, p) => {
          // Several solutions report at once: one line each, ended when it is done.
          let view = views.get(solution);
          if (!view) views.set(solution, (view = new ProgressView(`${challenge.slug}/${solution} (${scale})`)));
          view.update(p);
          if (p.phase === 'done') view.end();
        },
      });
      for (const v of views.values()) v.end();
      byScale.push(checks);
      checksOf.push(...checks);
      for (const c of checks) {
        const mark = c.ok ? 'ok  ' : 'FAIL';
        lines.push(`${mark} ${`${c.slug}/${c.solution}`.padEnd(34)} ${scale.padEnd(6)} ${c.verdict.padEnd(14)} ${String(c.total ?? '-').padStart(5)} (needs ${c.requirement})${c.reason ? `  ${c.reason}` : ''}`);
      }
      lines.push(`     ${challenge.slug} verified at ${scale} scale in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    if (byScale.length === 2) {
      const agreed = compareScales(challenge, byScale[0]!, byScale[1]!);
      agreedOf.push(...agreed);
      for (const a of agreed) {
        lines.push(`${a.ok ? 'ok  ' : 'FAIL'} ${`${a.slug}/${a.solution}`.padEnd(34)} quick ${String(a.quick ?? '-').padStart(5)}  full ${String(a.full ?? '-').padStart(5)} (needs within ${a.marginPoints} points)${a.reason ? `  ${a.reason}` : ''}`);
      }
    }
    // A challenge's lines together, as soon as it is done (others may still be running).
    if (!command.json) for (const line of lines) log(line);
    return { checksOf, agreedOf };
  };
  const outcomes = await Promise.all(challenges.map(verifyOne));
  const results: SolutionCheck[] = outcomes.flatMap((o) => o.checksOf);
  const agreements: ScaleAgreement[] = outcomes.flatMap((o) => o.agreedOf);
  const failed = results.filter((r) => !r.ok);
  const disagreed = agreements.filter((a) => !a.ok);
  if (command.json) {
    const summary = results.map(({ report, ...rest }) => ({ ...rest, score: report.score }));
    process.stdout.write(`${JSON.stringify({ ok: !failed.length && !disagreed.length && !broken.length, results: summary, agreements, broken: broken.map((e) => e.message) }, null, 2)}\n`);
  } else {
    process.stdout.write(
      failed.length || disagreed.length || broken.length
        ? `verify FAILED: ${failed.length} solution(s) out of bounds, ${disagreed.length} disagreeing across scales, ${broken.length} broken challenge(s)\n`
        : `verify passed: ${results.length} solutions of ${challenges.length} challenge(s) within bounds${agreements.length ? `, ${agreements.length} agreeing across scales` : ''}\n`,
    );
  }
  if (signal.aborted) return EXIT.interrupted;
  return failed.length || disagreed.length || broken.length ? EXIT.failed : EXIT.ok;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      log(`assay: ${(err as Error).stack ?? String(err)}`);
      process.exit(EXIT.platform);
    },
  );
}
