import path from 'node:path';
import { ChallengeLoadError, loadAllChallenges, loadChallenge } from '../challenges/challenge.loader';
import { judgeSubmission } from '../challenges/challenge.judge';
import { verifyChallenge, type SolutionCheck } from '../challenges/challenge.verify';
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
  const onSigint = () => {
    log('\ninterrupted: stopping the sandbox runs…');
    abort.abort();
  };
  process.once('SIGINT', onSigint);
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
    process.removeListener('SIGINT', onSigint);
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
  const results: SolutionCheck[] = [];
  for (const challenge of challenges) {
    if (signal.aborted) break;
    const started = Date.now();
    let view: ProgressView | undefined;
    const checks = await verifyChallenge(challenge, {
      ...ctx,
      scale: command.scale,
      signal,
      onProgress: (solution, p) => {
        if (view?.label !== `${challenge.slug}/${solution}`) {
          view?.end();
          view = new ProgressView(`${challenge.slug}/${solution}`);
        }
        view.update(p);
      },
    });
    view?.end();
    results.push(...checks);
    if (!command.json) {
      for (const c of checks) {
        const mark = c.ok ? 'ok  ' : 'FAIL';
        log(`${mark} ${`${c.slug}/${c.solution}`.padEnd(34)} ${c.verdict.padEnd(14)} ${String(c.total ?? '-').padStart(5)} (needs ${c.requirement})${c.reason ? `  ${c.reason}` : ''}`);
      }
      log(`     ${challenge.slug} verified in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  }
  const failed = results.filter((r) => !r.ok);
  if (command.json) {
    const summary = results.map(({ report, ...rest }) => ({ ...rest, score: report.score }));
    process.stdout.write(`${JSON.stringify({ ok: !failed.length && !broken.length, results: summary, broken: broken.map((e) => e.message) }, null, 2)}\n`);
  } else {
    process.stdout.write(
      failed.length || broken.length
        ? `verify FAILED: ${failed.length} solution(s) out of bounds, ${broken.length} broken challenge(s)\n`
        : `verify passed: ${results.length} solutions of ${challenges.length} challenge(s) within bounds\n`,
    );
  }
  if (signal.aborted) return EXIT.interrupted;
  return failed.length || broken.length ? EXIT.failed : EXIT.ok;
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
