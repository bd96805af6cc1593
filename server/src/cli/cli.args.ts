import { parseArgs } from 'node:util';
import { SCALES, type Scale } from '@assay/shared';

export const USAGE = `Usage:
  assay score <slug> <file-or-dir> [--scale quick|full] [--json]
      Judge a local solution in the sandbox and print its score.
  assay verify <slug>|--all [--scale quick|full|both] [--jobs N] [--json]
      Check that every reference solution scores >= 90, every naive one <= 40, and every
      graded one (solutions/mid*, slow*) lands in its band, below the reference and above
      the naive ones. --scale both also checks that quick and full totals agree.
  assay list
      List the challenges.

Options:
  --scale quick|full   input size and limits (default: quick)
  --jobs N             verify: solutions judged at once, across all the challenges named (timed trials
                       still take turns on the CPU lease; default 1)
  --json               print the result as JSON on stdout (progress goes to stderr)
  -h, --help           show this help`;

export type Command =
  | { name: 'score'; slug: string; solution: string; scale: Scale; json: boolean }
  | { name: 'verify'; slugs: string[] | 'all'; scale: Scale | 'both'; jobs: number; json: boolean }
  | { name: 'list'; json: boolean }
  | { name: 'help' };

/** Bad command-line arguments: the message is printed above the usage. */
export class UsageError extends Error {}

export function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        scale: { type: 'string' },
        json: { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        jobs: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  const [name, ...rest] = positionals;
  if (values.help || name === 'help') return { name: 'help' };
  const scale = values.scale ?? 'quick';
  if (values.jobs !== undefined && name !== 'verify') throw new UsageError('--jobs only goes with verify');
  const jobs = Number(values.jobs ?? 1);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 16) throw new UsageError(`--jobs must be a whole number from 1 to 16 (got "${values.jobs}")`);
  if (scale === 'both' && name === 'verify') return verify(values.all ?? false, rest, 'both', jobs, values.json ?? false);
  if (!(SCALES as readonly string[]).includes(scale)) throw new UsageError(`--scale must be one of ${SCALES.join(', ')} (got "${scale}")`);
  const json = values.json ?? false;
  if (values.all && name !== 'verify') throw new UsageError('--all only goes with verify');

  switch (name) {
    case 'score':
      if (rest.length !== 2) throw new UsageError('score needs a challenge slug and a solution file or folder');
      return { name, slug: rest[0]!, solution: rest[1]!, scale: scale as Scale, json };
    case 'verify':
      return verify(values.all ?? false, rest, scale as Scale, jobs, json);
    case 'list':
      if (rest.length) throw new UsageError('list takes no arguments');
      return { name, json };
    case undefined:
      throw new UsageError('no command given');
    default:
      throw new UsageError(`unknown command "${name}"`);
  }
}

function verify(all: boolean, slugs: string[], scale: Scale | 'both', jobs: number, json: boolean): Command {
  if (all && slugs.length) throw new UsageError('verify takes either --all or challenge slugs, not both');
  if (!all && !slugs.length) throw new UsageError('verify needs a challenge slug or --all');
  return { name: 'verify', slugs: all ? 'all' : slugs, scale, jobs, json };
}
