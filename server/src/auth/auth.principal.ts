import type { InvitationRow } from '../invitations/invitation.table';
import type { UserRow } from '../users/user.table';

/** Who is calling: a logged-in staff member, or a candidate holding an invite token. */
export type Principal =
  | { kind: 'staff'; user: UserRow; sessionTokenHash: string; csrfToken: string; sessionExpiresAt: Date }
  | { kind: 'candidate'; invitation: InvitationRow };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by `authenticate` when the request carries a valid credential. */
      principal?: Principal;
    }
  }
}
