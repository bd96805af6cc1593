import { createHash } from 'node:crypto';

/**
 * JSON with every object's keys sorted, so two values that are equal as
 * data give the same text whatever order their keys were written in:
 * Postgres jsonb stores keys in its own order (shorter keys first), so a
 * plain JSON.stringify of what it gives back never matches the original.
 * Array order is kept (it means something); undefined members are left out,
 * as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/** Equal as JSON data (key order ignored). */
export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/** SHA-256 (hex) of the canonical JSON: a content hash that survives a jsonb round trip. */
export const canonicalHash = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex');
