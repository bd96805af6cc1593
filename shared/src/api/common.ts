import { z } from 'zod';

/** Ids are UUIDs everywhere. */
export const IdSchema = z.uuid();

/** Timestamps cross the wire as ISO-8601 strings. */
export const TimestampSchema = z.iso.datetime({ offset: true });

/** Path params of `/…/:id` routes. */
export const IdParamsSchema = z.object({ id: IdSchema });

/**
 * A file path inside a candidate's solution: relative, no `..`, no leading
 * slash, only ordinary characters (the worker writes it to disk).
 */
export const SolutionPathSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[\w.\-/]+$/, 'must be a relative path (letters, digits, . _ - /; no "..")');

/** Most files in one solution. */
export const MAX_SOLUTION_FILES = 50;

/** A solution's files by path. Size is checked by the server (413), not here. */
export const SolutionFilesSchema = z
  .record(SolutionPathSchema, z.string())
  .refine((files) => Object.keys(files).length >= 1, 'must contain at least one file')
  .refine((files) => Object.keys(files).length <= MAX_SOLUTION_FILES, `must contain at most ${MAX_SOLUTION_FILES} files`);
export type SolutionFiles = z.infer<typeof SolutionFilesSchema>;

/** UTF-8 length of a string, without TextEncoder (shared/ has neither DOM nor Node types). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Total UTF-8 bytes of a solution's paths and contents (what the size limit counts). */
export function solutionBytes(files: SolutionFiles): number {
  let bytes = 0;
  for (const [path, content] of Object.entries(files)) bytes += utf8Length(path) + utf8Length(content);
  return bytes;
}
