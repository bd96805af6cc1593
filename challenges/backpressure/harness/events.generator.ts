import crypto from 'node:crypto';
import fs from 'node:fs';
import { Prng } from '../../../server/src/challenges/kit/prng';

/** Bump when the output changes: it is part of the cache key. */
export const EVENTS_GENERATOR_VERSION = 2;
export const CSV_HEADER = 'id,user,amountCents,ts\n';

export interface EventsFile {
  bytes: number;
  events: number;
  /** sha256 (hex) and size of the exact CSV export of the file. */
  csvSha256: string;
  csvBytes: number;
}

const NOTES = ['', 'gift', 'refund requested', 'ünïcødé ✓', 'a "quoted" note, with commas', 'line\nbreak'];

/**
 * Writes `bytes` of NDJSON events (seeded): mostly one layout, some with keys
 * in another order, extra fields or spaces, so only a real JSON parse reads
 * them all. The expected CSV is hashed while writing: no second pass.
 */
export async function generateEvents(file: string, seed: number, bytes: number): Promise<EventsFile> {
  const prng = new Prng(seed);
  const csv = crypto.createHash('sha256').update(CSV_HEADER);
  let csvBytes = CSV_HEADER.length;
  let written = 0;
  let events = 0;
  let ts = Date.UTC(2026, 0, 1);
  const fh = await fs.promises.open(file, 'w');
  try {
    while (written < bytes) {
      const lines: string[] = [];
      const csvLines: string[] = [];
      for (let i = 0; i < 10_000; i++) {
        const id = ++events;
        const user = `u_${prng.int(1_000_000)}`;
        const amountCents = prng.int(10) === 0 ? prng.int(10_000_000) : prng.int(20_000);
        ts += prng.int(2_000);
        const iso = new Date(ts).toISOString();
        const note = NOTES[prng.int(NOTES.length)]!;
        const shape = prng.int(20);
        const event =
          shape === 0
            ? { ts: iso, amountCents, user, id }
            : shape === 1
              ? { id, user, amountCents, ts: iso, note, tags: ['a', 'b'] }
              : { id, user, amountCents, ts: iso, note };
        lines.push(shape === 2 ? JSON.stringify(event, null, 1).replace(/\n/g, ' ') : JSON.stringify(event));
        csvLines.push(`${id},${user},${amountCents},${iso}\n`);
      }
      const chunk = `${lines.join('\n')}\n`;
      const csvChunk = csvLines.join('');
      await fh.write(chunk);
      written += Buffer.byteLength(chunk);
      csv.update(csvChunk);
      csvBytes += Buffer.byteLength(csvChunk);
    }
  } finally {
    await fh.close();
  }
  return { bytes: written, events, csvSha256: csv.digest('hex'), csvBytes };
}
