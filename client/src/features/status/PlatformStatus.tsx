import { useEffect, useState } from 'react';
import type { HealthReport } from '@assay/shared';
import { fetchHealth } from '../../api/health';

const LABELS = { database: 'Database', queue: 'Queue', docker: 'Docker engine' } as const;

/** Live readiness of the platform's parts, refreshed every 5 s. */
export function PlatformStatus() {
  const [report, setReport] = useState<HealthReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const load = () =>
      fetchHealth(controller.signal)
        .then((r) => {
          setReport(r);
          setError(null);
        })
        .catch((e: Error) => {
          if (!controller.signal.aborted) setError(e.message);
        });
    void load();
    const timer = setInterval(load, 5_000);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, []);

  if (error) return <p role="alert">Cannot reach the API: {error}</p>;
  if (!report) return <p>Checking the platform…</p>;
  return (
    <section aria-label="Platform status">
      <h2>Platform {report.status === 'ok' ? 'ready' : 'degraded'}</h2>
      <ul className="health">
        {(Object.keys(LABELS) as (keyof typeof LABELS)[]).map((name) => {
          const c = report.components[name];
          return (
            <li key={name} data-ok={c?.ok ?? false}>
              <strong>{LABELS[name]}</strong> {c?.ok ? 'up' : 'down'} <small>{c?.detail}</small>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
