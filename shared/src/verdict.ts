import { z } from 'zod';

/**
 * The closed set of outcomes of a sandbox run. Every verdict but
 * INTERNAL_ERROR is a fact about the candidate's code; INTERNAL_ERROR is a
 * platform fault, retried and never shown as the candidate's result.
 */
export const VERDICTS = [
  'ACCEPTED',
  'WRONG_ANSWER',
  'TIME_LIMIT',
  'MEMORY_LIMIT',
  'RUNTIME_ERROR',
  'OUTPUT_LIMIT',
  'INTERNAL_ERROR',
] as const;

export const VerdictSchema = z.enum(VERDICTS);
export type Verdict = z.infer<typeof VerdictSchema>;

/** Verdicts that describe the candidate's code (everything but platform faults). */
export const CANDIDATE_VERDICTS = VERDICTS.filter((v) => v !== 'INTERNAL_ERROR');

export function isPlatformFault(verdict: Verdict): boolean {
  return verdict === 'INTERNAL_ERROR';
}
