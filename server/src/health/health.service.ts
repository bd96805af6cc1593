import { HEALTH_COMPONENTS, type ComponentHealth, type HealthReport } from '@assay/shared';

type Component = (typeof HEALTH_COMPONENTS)[number];

/** A readiness probe: resolves with a short description, rejects with why it is down. */
export type Probe = () => Promise<string>;

/** How long a probe may take before its component counts as down. @defaultValue 2000 ms */
const PROBE_TIMEOUT_MS = 2_000;

async function runProbe(probe: Probe, timeoutMs: number): Promise<ComponentHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const detail = await Promise.race([probe(), timeout]);
    return { ok: true, detail, latencyMs: performance.now() - started };
  } catch (err) {
    return { ok: false, detail: (err as Error).message || String(err), latencyMs: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/** Probes every component at once; the report names what is down. */
export async function checkHealth(probes: Record<Component, Probe>, timeoutMs = PROBE_TIMEOUT_MS): Promise<HealthReport> {
  const entries = await Promise.all(
    HEALTH_COMPONENTS.map(async (name) => [name, await runProbe(probes[name], timeoutMs)] as const),
  );
  const components = Object.fromEntries(entries) as Record<Component, ComponentHealth>;
  const down = HEALTH_COMPONENTS.filter((name) => !components[name].ok);
  return { status: down.length ? 'degraded' : 'ok', components, down };
}
