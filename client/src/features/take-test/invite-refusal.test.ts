import { InviteRefusalDetailsSchema } from '@assay/shared';
import { toApiError } from '../../api/http';
import { refusedInvite } from './invite-refusal';

it('makes a refusal the refusal page reads as the server would send it', () => {
  const e = toApiError(refusedInvite('revoked'));
  expect([e.status, e.code]).toEqual([401, 'UNAUTHENTICATED']);
  expect(e.message).not.toContain('[object Object]');
  expect(InviteRefusalDetailsSchema.parse(e.details)).toEqual({ invite: 'revoked' });
});
