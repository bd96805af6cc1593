import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DECISIONS, type Decision, type Review } from '@assay/shared';
import { reviewApi } from '../../api/review';
import { Badge, Button, Field, Textarea } from '../../ui';
import { useShortcuts } from './review.hooks';

const DECISION_KEYS: Record<Decision, string> = { advance: 'a', hold: 'h', reject: 'r' };
const DECISION_LABEL: Record<Decision, string> = { advance: 'Advance', hold: 'Hold', reject: 'Reject' };
/** Rating keys must be simple names (the reviews contract); rubric dimensions already are. */
const RATABLE = /^[a-z][a-zA-Z0-9]*$/;

/**
 * Notes, a 1–5 rating per rubric dimension and a decision, saved as the
 * caller's one review of the candidate. Other reviews appear only once the
 * server sees the caller's own (it enforces that; this page only says so).
 */
export function ReviewForm({ invitationId, dimensions, myUserId }: { invitationId: string; dimensions: string[]; myUserId: string | undefined }) {
  const client = useQueryClient();
  const reviews = useQuery({ queryKey: ['reviews', invitationId], queryFn: () => reviewApi.reviews(invitationId) });
  const mine = reviews.data?.reviews.find((r) => r.reviewer.id === myUserId);
  const [notes, setNotes] = useState('');
  const [ratings, setRatings] = useState<Record<string, number>>({});
  const [decision, setDecision] = useState<Decision | null>(null);
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (mine && !dirty) {
      setNotes(mine.notes);
      setRatings(mine.ratings);
      setDecision(mine.decision);
    }
  }, [mine?.updatedAt]);

  const save = useMutation({
    mutationFn: () => reviewApi.saveReview(invitationId, { notes, ratings, decision }),
    onSuccess: () => {
      setDirty(false);
      void client.invalidateQueries({ queryKey: ['reviews', invitationId] });
      void client.invalidateQueries({ queryKey: ['board'] });
    },
  });
  const choose = (d: Decision) => (setDecision(d), setDirty(true));
  useShortcuts({ a: () => choose('advance'), h: () => choose('hold'), r: () => choose('reject'), 'mod+enter': () => save.mutate() });

  const others = reviews.data?.reviews.filter((r) => r.reviewer.id !== myUserId) ?? [];
  const ratable = dimensions.filter((d) => RATABLE.test(d));
  return (
    <section className="card" aria-labelledby="review-heading">
      <h2 id="review-heading" className="card-title">Your review</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Field label="Notes">
          <Textarea value={notes} rows={5} onChange={(e) => (setNotes(e.target.value), setDirty(true))} placeholder="What stood out: approach, trade-offs, what to ask in the interview." />
        </Field>
        {ratable.length > 0 && (
          <fieldset className="ratings">
            <legend>Your rating per rubric dimension (1 = weak, 5 = excellent)</legend>
            {ratable.map((d) => (
              <div key={d} className="rating-row" role="radiogroup" aria-label={`${d} rating`}>
                <span className="rating-name">{d}</span>
                {[1, 2, 3, 4, 5].map((n) => (
                  <label key={n} className="rating-option">
                    <input type="radio" name={`rating-${d}`} value={n} checked={ratings[d] === n} onChange={() => (setRatings({ ...ratings, [d]: n }), setDirty(true))} />
                    <span>{n}</span>
                  </label>
                ))}
              </div>
            ))}
          </fieldset>
        )}
        <fieldset className="decision">
          <legend>Decision</legend>
          {DECISIONS.slice().reverse().map((d) => (
            <Button key={d} className={`decision-btn decision-${d}`} variant={decision === d ? 'primary' : 'secondary'} aria-pressed={decision === d} onClick={() => choose(d)} aria-keyshortcuts={DECISION_KEYS[d]}>
              {DECISION_LABEL[d]} <kbd>{DECISION_KEYS[d].toUpperCase()}</kbd>
            </Button>
          ))}
        </fieldset>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={save.isPending} aria-keyshortcuts="Control+Enter">
            {mine ? 'Save changes' : 'Save review'} <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
          </Button>
          <span role="status" className="muted">
            {save.isError ? <span className="field-error">Not saved: {(save.error as Error).message}</span> : save.isSuccess && !dirty ? 'Saved.' : dirty ? 'Unsaved changes.' : ''}
          </span>
        </div>
      </form>
      <h3>Other reviews</h3>
      {reviews.isLoading ? (
        <p className="muted">Loading…</p>
      ) : reviews.data && reviews.data.hiddenCount > 0 ? (
        <p className="callout callout-info" data-testid="reviews-hidden">
          {reviews.data.hiddenCount === 1 ? '1 other review is' : `${reviews.data.hiddenCount} other reviews are`} hidden until you save yours, so that your ratings stay independent.
        </p>
      ) : others.length ? (
        <ul className="reviews" data-testid="other-reviews">
          {others.map((r) => (
            <OtherReview key={r.id} review={r} />
          ))}
        </ul>
      ) : (
        <p className="muted">No one else has reviewed this candidate yet.</p>
      )}
    </section>
  );
}

function OtherReview({ review }: { review: Review }) {
  return (
    <li className="review-card">
      <p>
        <strong>{review.reviewer.name}</strong> · {review.decision ? <Badge tone={review.decision === 'advance' ? 'success' : review.decision === 'reject' ? 'danger' : 'warning'}>{review.decision}</Badge> : 'no decision'} ·{' '}
        <time dateTime={review.updatedAt}>{new Date(review.updatedAt).toLocaleString('en-GB')}</time>
      </p>
      {Object.keys(review.ratings).length > 0 && (
        <p className="muted">
          {Object.entries(review.ratings)
            .map(([k, v]) => `${k} ${v}/5`)
            .join(' · ')}
        </p>
      )}
      {review.notes && <p className="review-notes">{review.notes}</p>}
    </li>
  );
}
