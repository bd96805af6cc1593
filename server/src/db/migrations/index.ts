import type { Migration } from 'kysely';
import * as m0001 from './0001_baseline';
import * as m0002 from './0002_pipeline';
import * as m0003 from './0003_run_output';
import * as m0004 from './0004_candidate_results';
import * as m0005 from './0005_review_dashboard';
import * as m0006 from './0006_calibration';

/**
 * Every migration, in order. Listed statically (not read from disk) so the
 * bundled server carries them; names sort in the order they must run.
 */
export const migrations: Record<string, Migration> = {
  '0001_baseline': m0001,
  '0002_pipeline': m0002,
  '0003_run_output': m0003,
  '0004_candidate_results': m0004,
  '0005_review_dashboard': m0005,
  '0006_calibration': m0006,
};
