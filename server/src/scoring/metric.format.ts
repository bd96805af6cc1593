import type { MetricUnit } from '@assay/shared';

const MiB = 1024 * 1024;

function trimNumber(n: number, decimals: number): string {
  return n.toFixed(decimals).replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1');
}

/** A metric value as a reviewer reads it ("41 MiB", "12.3 ms", "0.93×"). */
export function formatMetric(value: number, unit: MetricUnit): string {
  switch (unit) {
    case 'bytes': {
      const mib = value / MiB;
      return `${trimNumber(mib, Math.abs(mib) >= 10 ? 0 : 1)} MiB`;
    }
    case 'bytesPerSecond': {
      const mibs = value / MiB;
      return `${trimNumber(mibs, mibs >= 100 ? 0 : 1)} MiB/s`;
    }
    case 'ms':
      return `${trimNumber(value, Math.abs(value) >= 100 ? 0 : 1)} ms`;
    case 'ratio':
      return `${trimNumber(value, 2)}×`;
    case 'fraction':
      return `${trimNumber(value * 100, 1)}%`;
    case 'count':
      return Math.round(value).toLocaleString('en-US');
    case 'perSecond':
      return `${trimNumber(value, value >= 100 ? 0 : 1)}/s`;
  }
}
