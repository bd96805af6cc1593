import type { TestResult } from '@assay/shared';

/** A top-level result line: column 0, optional SKIP/TODO directive. */
const RESULT_LINE = /^(not ok|ok) \d+ - (.*?)(?:\s+#\s*(SKIP|TODO)\b.*)?$/;

/**
 * Reads the top-level results of `node --test --test-reporter=tap` as the
 * output arrives: lines `ok N - name` / `not ok N - name [# SKIP]` at column 0,
 * each followed by an indented YAML block with `duration_ms` and, for
 * failures, `error`. A result is complete once its block closes (`...`), or
 * at the next line when it has none; `onResult` gets it then, so a test's
 * result is known while later tests still run.
 */
export class TapStream {
  /** Every result so far, in order. */
  readonly results: TestResult[] = [];
  /** The text after the last newline: a line still being written. */
  private partial = '';
  /** The result line being read; `yaml` is null until we know whether a block follows it. */
  private pending: { match: RegExpExecArray; yaml: string[] | null } | null = null;

  constructor(private readonly onResult?: (test: TestResult) => void) {}

  write(text: string): void {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop()!;
    for (const line of lines) this.line(line);
  }

  /** The output is over: its last line (even unterminated) and an unclosed block count as they are. */
  end(): void {
    this.line(this.partial);
    this.partial = '';
    if (this.pending) this.complete();
  }

  private line(line: string): void {
    const pending = this.pending;
    if (pending?.yaml === null && line.trim() === '---') {
      pending.yaml = [];
      return;
    }
    if (pending?.yaml) {
      if (line.trim() === '...') this.complete();
      else pending.yaml.push(line);
      return;
    }
    if (pending) this.complete(); // a result without a block: this line is not part of it
    const match = RESULT_LINE.exec(line);
    if (match) this.pending = { match, yaml: null };
  }

  private complete(): void {
    const { match: m, yaml } = this.pending!;
    this.pending = null;
    const skipped = m[3] !== undefined;
    const lines = yaml ?? [];
    const duration = /^\s*duration_ms:\s*([\d.]+)/m.exec(lines.join('\n'));
    const result: TestResult = { name: unescape(m[2]!), passed: m[1] === 'ok' || skipped, skipped };
    if (duration) result.durationMs = Number(duration[1]);
    if (m[1] === 'not ok' && !skipped) result.message = errorOf(lines);
    this.results.push(result);
    this.onResult?.(result);
  }
}

/** The top-level results of a whole TAP output (see TapStream). */
export function parseTap(tap: string): TestResult[] {
  const stream = new TapStream();
  stream.write(tap);
  stream.end();
  return stream.results;
}

function unescape(name: string): string {
  return name.replace(/\\#/g, '#').replace(/\\\\/g, '\\');
}

/** The `error:` entry of the YAML block (a one-liner or a `|-` block), trimmed to something readable. */
function errorOf(yaml: string[]): string {
  const at = yaml.findIndex((l) => /^\s*error:/.test(l));
  if (at === -1) return 'failed';
  const first = yaml[at]!.replace(/^\s*error:\s*/, '');
  let text: string;
  if (first === '|-' || first === '|' || first === '>-') {
    const indent = (yaml[at]!.match(/^\s*/)?.[0].length ?? 0) + 2;
    const body: string[] = [];
    for (let j = at + 1; j < yaml.length && (yaml[j]!.trim() === '' || (yaml[j]!.match(/^\s*/)?.[0].length ?? 0) >= indent); j++) body.push(yaml[j]!.slice(indent));
    text = body.join('\n');
  } else {
    text = first.replace(/^'(.*)'$/, '$1');
  }
  return text.trim().split('\n').slice(0, 20).join('\n').slice(0, 2_000) || 'failed';
}
