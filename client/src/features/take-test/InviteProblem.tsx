import { InviteRefusalDetailsSchema, type InviteRefusal } from '@assay/shared';
import type { ApiError } from '../../api/http';
import { ApiErrorView, Page } from '../../ui';

const PAGES: Record<InviteRefusal, { title: string; body: string }> = {
  unknown: {
    title: 'This link does not work',
    body: 'We could not find an assessment for this link. Check that you copied the whole link from your invitation email; if it still does not work, ask the person who invited you for a new one.',
  },
  revoked: {
    title: 'This invitation was withdrawn',
    body: 'The hiring team has withdrawn this invitation, so the assessment can no longer be opened. If you think this is a mistake, reply to your invitation email.',
  },
  expired: {
    title: 'This invitation has expired',
    body: 'The link had to be opened by a certain date, and that date has passed. Ask the person who invited you for a new link; nothing was recorded against you.',
  },
  closed: {
    title: 'This assessment is closed',
    body: 'Your assessment ended a while ago and its results are no longer shown here. The hiring team has everything you submitted.',
  },
};

/** The candidate's link was refused: a page of its own for each reason, never a blank screen. */
export function InviteProblem({ error: e, onRetry }: { error: ApiError; onRetry: () => void }) {
  const details = InviteRefusalDetailsSchema.safeParse(e.details);
  if (e.status === 401 && details.success) {
    const page = PAGES[details.data.invite];
    return (
      <Page title={page.title} narrow>
        <p className="lead" data-invite-refusal={details.data.invite}>{page.body}</p>
      </Page>
    );
  }
  return (
    <Page narrow>
      <ApiErrorView title={e.isNetwork ? 'You are offline' : 'Your assessment could not be loaded'} error={e} onRetry={onRetry} />
    </Page>
  );
}
