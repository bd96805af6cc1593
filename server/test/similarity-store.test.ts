import { randomUUID } from 'node:crypto';
import type { SharedRegion } from '@assay/shared';
import { createDb, type Db } from '../src/db/db';
import { migrateToLatest } from '../src/db/migrate';
import { listMatches, storeMatches } from '../src/similarity/similarity.repository';
import { scratchDatabaseUrl } from './support/pipeline';

/**
 * storeMatches against real Postgres. Only the similarity tables matter
 * here, so foreign keys are not enforced on this connection
 * (session_replication_role=replica) and submissions are bare ids.
 */
let db: Db;
beforeAll(async () => {
  const url = new URL(await scratchDatabaseUrl('similarity_store'));
  const migrator = createDb(url.toString(), { maxConnections: 1 });
  await migrateToLatest(migrator);
  await migrator.destroy();
  url.searchParams.set('options', '-c session_replication_role=replica');
  db = createDb(url.toString(), { maxConnections: 2 });
});
afterAll(async () => {
  await db?.destroy();
});

const region = (aStart: number, bStart: number): SharedRegion => ({ a: { file: 'main.js', startLine: aStart, endLine: aStart + 4 }, b: { file: 'main.js', startLine: bStart, endLine: bStart + 4 }, fingerprints: 3 });
const match = (submissionId: string, otherId: string, share: number, otherShare: number, regions: SharedRegion[]) => ({
  submission_id: submissionId, other_submission_id: otherId, other_solution: null, share, other_share: otherShare, shared_fingerprints: 10, regions: JSON.stringify(regions),
});

it('mirrors a match on the other side, swapping the sides of each region', async () => {
  const [x, y] = [randomUUID(), randomUUID()];
  await storeMatches(db, y, { fingerprints: 20, comparedWith: 1 }, [match(y, x, 0.9, 0.7, [region(1, 11)])]);
  const mirrored = await listMatches(db, x, 10);
  expect(mirrored).toHaveLength(1);
  expect(mirrored[0]).toMatchObject({ other_submission_id: y, share: expect.closeTo(0.7, 5), other_share: expect.closeTo(0.9, 5) });
  expect(mirrored[0]!.regions).toEqual([{ a: region(1, 11).b, b: region(1, 11).a, fingerprints: 3 }]);
});

it('keeps the other side’s better-or-equal entry, and replaces a worse one', async () => {
  const [x, y, z] = [randomUUID(), randomUUID(), randomUUID()];
  // x's own check found y at 0.8.
  await storeMatches(db, x, { fingerprints: 20, comparedWith: 1 }, [match(x, y, 0.8, 0.6, [region(5, 50)])]);
  // y's check mirrors a weaker view (0.5) onto x: x keeps its own.
  await storeMatches(db, y, { fingerprints: 20, comparedWith: 1 }, [match(y, x, 0.6, 0.5, [region(50, 5)])]);
  const kept = await listMatches(db, x, 10);
  expect(kept).toHaveLength(1);
  expect(kept[0]).toMatchObject({ other_submission_id: y, share: expect.closeTo(0.8, 5) });
  expect(kept[0]!.regions).toEqual([region(5, 50)]);

  // A stronger mirror (0.95) replaces a weaker entry, once.
  await storeMatches(db, z, { fingerprints: 20, comparedWith: 1 }, [match(z, x, 0.3, 0.4, [region(1, 1)])]);
  await storeMatches(db, z, { fingerprints: 20, comparedWith: 1 }, [match(z, x, 0.9, 0.95, [region(2, 2)])]);
  const replaced = (await listMatches(db, x, 10)).filter((m) => m.other_submission_id === z);
  expect(replaced).toHaveLength(1);
  expect(replaced[0]).toMatchObject({ share: expect.closeTo(0.95, 5) });
});
