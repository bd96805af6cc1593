import type { z } from 'zod';
import { AppError } from '../platform/errors';

/**
 * Parses a request part with its shared zod schema. Bad input is a 400 whose
 * details name each offending field, never a 500.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what = 'request body'): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  throw new AppError('VALIDATION_FAILED', `The ${what} is invalid.`, { issues });
}
