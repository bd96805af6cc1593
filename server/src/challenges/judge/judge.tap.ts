import type { TestResult } from '@assay/shared';

/**
 * Reads the top-level results of `node --test --test-reporter=tap`: lines
 * `ok N - name` / `not ok N - name [# SKIP]` at column 0, each followed by an
 * indented YAML block with `duration_ms` and, for failures, `error`.
 */
export function parseTap(tap: string): TestResult[] {
  const lines = tap.split('\n');
  const results: TestResult[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(not ok|ok) \d+ - (.*?)(?:\s+#\s*(SKIP|TODO)\b.*)?$/.exec(lines[i]!);
    if (!m) continue;
    const yaml: string[] = [];
    if (lines[i + 1]?.trim() === '---') {
      for (i += 2; i < lines.length && lines[i]!.trim() !== '...'; i++) yaml.push(lines[i]!);
    }
    const skipped = m[3] !== undefined;
    const duration = /^\s*duration_ms:\s*([\d.]+)/m.exec(yaml.join('\n'));
    const result: TestResult = { name: unescape(m[2]!), passed: m[1] === 'ok' || skipped, skipped };
    if (duration) result.durationMs = Number(duration[1]);
    if (m[1] === 'not ok' && !skipped) result.message = errorOf(yaml);
    results.push(result);
  }
  return results;
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
