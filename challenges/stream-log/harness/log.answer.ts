/**
 * The stream-log contract, written plainly (string splitting, no tricks) so a
 * reviewer can check it against the prompt line by line. The harness uses it
 * on the generator's blocks; the fast paths are checked against it in tests.
 */
export interface RouteCount {
  route: string;
  count: number;
}

export interface LogAnswer {
  total: number;
  malformed: number;
  byStatus: Record<string, number>;
  topRoutes: RouteCount[];
  p99DurationMs: number | null;
}

export const MAX_DURATION_MS = 59_999;

export interface ParsedLine {
  status: string;
  route: string;
  durationMs: number;
}

/** One line (without its `\n`), or null when it is malformed. */
export function parseLine(line: string): ParsedLine | null {
  const fields = line.split(' ');
  if (fields.length !== 5) return null;
  const [, , path, status, duration] = fields as [string, string, string, string, string];
  if (!/^\d{3}$/.test(status) || !/^\d+$/.test(duration)) return null;
  const durationMs = Number(duration);
  if (durationMs > MAX_DURATION_MS) return null;
  return { status, route: routeOf(path), durationMs };
}

/** The path with every all-digit segment replaced by `:id`. */
export function routeOf(path: string): string {
  return path
    .split('/')
    .map((segment) => (/^\d+$/.test(segment) ? ':id' : segment))
    .join('/');
}

/** Counts that add up: the answer of many blocks is the answer of the sum of their stats. */
export class LogStats {
  total = 0;
  malformed = 0;
  readonly byStatus = new Map<string, number>();
  readonly routes = new Map<string, number>();
  readonly durations = new Float64Array(MAX_DURATION_MS + 1);

  addLine(line: string): void {
    const parsed = parseLine(line);
    if (!parsed) {
      this.malformed++;
      return;
    }
    this.total++;
    this.byStatus.set(parsed.status, (this.byStatus.get(parsed.status) ?? 0) + 1);
    this.routes.set(parsed.route, (this.routes.get(parsed.route) ?? 0) + 1);
    this.durations[parsed.durationMs]! += 1;
  }

  /** Adds `times` copies of another block's stats. */
  addStats(other: LogStats, times = 1): void {
    this.total += other.total * times;
    this.malformed += other.malformed * times;
    for (const [k, v] of other.byStatus) this.byStatus.set(k, (this.byStatus.get(k) ?? 0) + v * times);
    for (const [k, v] of other.routes) this.routes.set(k, (this.routes.get(k) ?? 0) + v * times);
    for (let d = 0; d < other.durations.length; d++) if (other.durations[d]) this.durations[d]! += other.durations[d]! * times;
  }

  toAnswer(): LogAnswer {
    const topRoutes = [...this.routes]
      .sort(([ra, ca], [rb, cb]) => cb - ca || (ra < rb ? -1 : ra > rb ? 1 : 0))
      .slice(0, 10)
      .map(([route, count]) => ({ route, count }));
    return {
      total: this.total,
      malformed: this.malformed,
      byStatus: Object.fromEntries([...this.byStatus].sort(([a], [b]) => (a < b ? -1 : 1))),
      topRoutes,
      p99DurationMs: this.p99(),
    };
  }

  /** Nearest rank: the ⌈0.99·total⌉-th smallest duration (integer arithmetic, no float rounding). */
  private p99(): number | null {
    if (this.total === 0) return null;
    const rank = Math.floor((99 * this.total + 99) / 100);
    let seen = 0;
    for (let d = 0; d < this.durations.length; d++) {
      seen += this.durations[d]!;
      if (seen >= rank) return d;
    }
    return MAX_DURATION_MS;
  }
}

/** The answer for a whole text (small inputs: tests, fixtures). */
export function answerFor(text: string): LogAnswer {
  const stats = new LogStats();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) stats.addLine(line);
  return stats.toAnswer();
}
