import type { Db } from '../db/db';

/** One trial's memory samples. */
export interface TrialTimeline {
  index: number;
  samples: { tMs: number; rssBytes: number }[];
}

/** Most samples kept per trial: a chart has no use for more (every other one is dropped beyond it). */
const MAX_SAMPLES = 1500;

function thin(samples: TrialTimeline['samples']): TrialTimeline['samples'] {
  let kept = samples;
  while (kept.length > MAX_SAMPLES) kept = kept.filter((_, i) => i % 2 === 0);
  return kept;
}

export async function insertRunTimeline(db: Db, runId: string, trials: TrialTimeline[], limitBytes: number | null, method: string): Promise<void> {
  await db
    .insertInto('run_memory_timelines')
    .values({ run_id: runId, trials: JSON.stringify(trials.map((t) => ({ index: t.index, samples: thin(t.samples) }))), limit_bytes: limitBytes, method })
    .onConflict((oc) => oc.column('run_id').doNothing())
    .execute();
}

export async function findRunTimeline(db: Db, runId: string) {
  return db.selectFrom('run_memory_timelines').selectAll().where('run_id', '=', runId).executeTakeFirst();
}
