/**
 * Types of loadgen.js, the dependency-free load generator that runs inside the
 * sandbox image. The defaults below are applied by its `normalizeOptions`
 * (the single source of truth); `import ... from './loadgen.js'` resolves here
 * for the type checker and to the real file at run time.
 */

/** Where the generator sends its requests (the candidate's server, over the shared loopback). */
export interface LoadgenTarget {
  /** @defaultValue '127.0.0.1' */
  host?: string;
  port: number;
}

/** How the generator decides the candidate's server is up before loading it. */
export interface LoadgenReadiness {
  /** Polled with GET until it answers 2xx. @defaultValue '/health' */
  path?: string;
  /** Give up (report `not-ready`) after this long. @defaultValue 10 000 ms */
  timeoutMs?: number;
  /** Pause between attempts. @defaultValue 50 ms */
  intervalMs?: number;
}

/** The open-loop stream that is measured: request i is sent at t0 + i / rps. */
export interface LoadgenProbe {
  /** @defaultValue 'GET' */
  method?: string;
  /** @defaultValue '/health' */
  path?: string;
  headers?: Record<string, string>;
  /** Sent as is when a string, as JSON (with a JSON content type) otherwise. @defaultValue none */
  body?: unknown;
  /** Constant arrival rate. Keep it at 25–40 % of the reference's capacity: near saturation P99 is chaos. */
  rps: number;
  /** Length of the measured window. */
  durationMs: number;
  /** Same stream at the same rate before the window, not measured (JIT, connection pool). @defaultValue 1 000 ms */
  warmupMs?: number;
  /** A probe unanswered this long after its intended send time is an error, recorded at that latency. @defaultValue 2 000 ms */
  timeoutMs?: number;
  /** Keep-alive sockets for probes; beyond them requests queue in the agent (and that wait counts). @defaultValue 64 */
  maxConnections?: number;
  /**
   * The scheduler polls (setImmediate, which still serves I/O) instead of
   * sleeping for this long before each send: Node timers fire up to ~2 ms late,
   * which would be charged to the server. Costs up to spinMs × rps / 1000 of
   * the generator's CPU. @defaultValue 2 ms
   */
  spinMs?: number;
}

/** Closed-loop work kept in flight while the probes are measured (e.g. POST /hash). */
export interface LoadgenBackground {
  /** Workers, each with one request in flight at a time. */
  concurrency: number;
  /** @defaultValue 'POST' */
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Request bodies, used in turn (request n gets bodies[n % length]); same encoding as the probe body. @defaultValue [no body] */
  bodies?: unknown[];
  /** @defaultValue 10 000 ms */
  timeoutMs?: number;
  /**
   * Container path of a CommonJS file exporting `check(answer)`, called for
   * every 2xx answer; it returns true (or nothing) when the answer is right,
   * false or a reason string when it is not. @defaultValue no check
   */
  checkerPath?: string;
}

/**
 * When a measurement says more about the generator than about the server. A
 * late send adds its lag to that request's latency, so every measured probe is
 * also timed from its actual send: when p50, p90 or p99 differ by more than
 * max(maxDistortionMs, maxDistortionShare × the percentile), the run is invalid.
 */
export interface LoadgenValidity {
  /** @defaultValue 1 ms */
  maxDistortionMs?: number;
  /** @defaultValue 0.1 */
  maxDistortionShare?: number;
  /** Any single send later than this (a stalled generator) makes the run invalid. @defaultValue 50 ms */
  maxSendLagMs?: number;
}

export interface LoadgenOptions {
  target: LoadgenTarget;
  readiness?: LoadgenReadiness;
  probe: LoadgenProbe;
  background?: LoadgenBackground | null;
  validity?: LoadgenValidity;
}

type Filled<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };

/** Options with every default applied and bodies encoded, as the generator uses them. */
export interface ResolvedLoadgenOptions {
  target: Filled<LoadgenTarget>;
  readiness: Filled<LoadgenReadiness>;
  probe: Omit<Filled<LoadgenProbe>, 'body'> & { body: string | null };
  background:
    | (Omit<Filled<LoadgenBackground>, 'bodies' | 'checkerPath'> & { bodies: (string | null)[]; checkerPath: string | null })
    | null;
  validity: Filled<LoadgenValidity>;
}

export class LoadgenOptionsError extends Error {}

/** Validates options (as parsed from JSON) and applies the defaults. @throws LoadgenOptionsError */
export function normalizeOptions(raw: unknown): ResolvedLoadgenOptions;

/** Runs one measurement in this process (the report that `node loadgen.js` prints). */
export function run(options: ResolvedLoadgenOptions): Promise<unknown>;

export const DEFAULTS: {
  readonly host: string;
  readonly readiness: Readonly<Omit<Filled<LoadgenReadiness>, never>>;
  readonly probe: Readonly<Pick<Filled<LoadgenProbe>, 'method' | 'path' | 'warmupMs' | 'timeoutMs' | 'maxConnections' | 'spinMs'>>;
  readonly background: Readonly<Pick<Filled<LoadgenBackground>, 'method' | 'timeoutMs'>>;
  readonly validity: Readonly<Filled<LoadgenValidity>>;
};
