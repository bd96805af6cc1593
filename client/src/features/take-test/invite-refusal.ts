import type { InviteRefusal } from '@assay/shared';
import { ApiError } from '../../api/http';

/**
 * The refusal the server sends for a link that no longer opens
 * (401 with `details.invite`), made on the page when an answer already says
 * so (a cached assessment, or one withdrawn while open): one ApiError, so the
 * refusal page reads it the same way whichever side noticed.
 */
export function refusedInvite(invite: InviteRefusal): ApiError {
  return new ApiError(401, 'UNAUTHENTICATED', 'This invitation no longer opens the assessment.', { invite });
}

