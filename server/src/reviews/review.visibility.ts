import type { z } from 'zod';
import type { ReviewListSchema } from '@assay/shared';
import { toReview, type ReviewWithReviewer } from './review.repository';

/**
 * What a reviewer may read of a candidate's reviews: everything once they
 * have saved their own, before that only that others exist. Ratings stay
 * independent (the calibration's agreement statistics need it), so this
 * holds for admins too.
 */
export function visibleReviews(rows: ReviewWithReviewer[], viewerId: string): z.infer<typeof ReviewListSchema> {
  const savedOwn = rows.some((r) => r.reviewer_id === viewerId);
  const shown = savedOwn ? rows : rows.filter((r) => r.reviewer_id === viewerId);
  return { reviews: shown.map(toReview), hiddenCount: rows.length - shown.length };
}
