import { CandidateAssessmentSchema, type CandidateAssessment } from '@assay/shared';
import type { KeyValueStore } from './local-drafts';

/**
 * The last assessment the server sent, with the clock offset measured then,
 * so a reload while offline still opens the workspace (drafts come from the
 * local copies). Only a started assessment is kept; it holds no secret the
 * page did not already show.
 */
export class OfflineAssessment {
  private readonly key: string;

  constructor(private readonly store: KeyValueStore | null, tokenTag: string) {
    this.key = `assay.assessment.${tokenTag}`;
  }

  save(assessment: CandidateAssessment, offsetMs: number): void {
    try {
      if (assessment.state === 'started') this.store?.setItem(this.key, JSON.stringify({ assessment, offsetMs }));
      else this.store?.removeItem(this.key);
    } catch {
      // storage full or disabled
    }
  }

  load(): { assessment: CandidateAssessment; offsetMs: number } | null {
    try {
      const raw = this.store?.getItem(this.key);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as { assessment: unknown; offsetMs: number };
      const assessment = CandidateAssessmentSchema.safeParse(parsed.assessment);
      return assessment.success ? { assessment: assessment.data, offsetMs: parsed.offsetMs } : null;
    } catch {
      return null;
    }
  }
}
