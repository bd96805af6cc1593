import { isDeepStrictEqual } from 'node:util';
import type { CheckResult } from '@assay/shared';
import type { LogAnswer } from './log.answer';

const FIELDS = ['total', 'malformed', 'byStatus', 'topRoutes', 'p99DurationMs'] as const;

/**
 * Compares the program's stdout with the expected answer, one check per field
 * (partial credit a reviewer can read). Details say what the program printed,
 * never the expected value: the input is fixed per scale, so the answer must
 * not leak through feedback.
 */
export function checkLogOutput(stdout: string, expected: LogAnswer): CheckResult[] {
  let got: unknown;
  try {
    got = JSON.parse(stdout);
  } catch {
    const shown = stdout.trim().slice(0, 120) || '(nothing)';
    return [
      { name: 'one JSON object on stdout', passed: false, detail: `stdout is not JSON: ${shown}` },
      ...FIELDS.map((f) => ({ name: f, passed: false, detail: 'no JSON output' })),
    ];
  }
  if (typeof got !== 'object' || got === null || Array.isArray(got)) {
    return [
      { name: 'one JSON object on stdout', passed: false, detail: `stdout is JSON but not an object (${Array.isArray(got) ? 'array' : typeof got})` },
      ...FIELDS.map((f) => ({ name: f, passed: false, detail: 'no JSON object' })),
    ];
  }
  const record = got as Record<string, unknown>;
  const extra = Object.keys(record).filter((k) => !(FIELDS as readonly string[]).includes(k));
  const shape: CheckResult = extra.length
    ? { name: 'one JSON object on stdout', passed: false, detail: `unexpected keys: ${extra.slice(0, 5).join(', ')}` }
    : { name: 'one JSON object on stdout', passed: true };
  return [
    shape,
    ...FIELDS.map((field): CheckResult => {
      if (!(field in record)) return { name: field, passed: false, detail: 'missing' };
      if (isDeepStrictEqual(normalize(record[field]), normalize(expected[field]))) return { name: field, passed: true };
      return { name: field, passed: false, detail: `wrong value (printed ${JSON.stringify(record[field]).slice(0, 160)})` };
    }),
  ];
}

/** JSON values compare without key order: sort object keys recursively. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, normalize(v)]),
    );
  }
  return value;
}
