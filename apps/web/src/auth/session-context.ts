import { createContext, useContext } from 'react';
import type { ErrorCode } from '@custodian/shared';
import type { SessionInfo } from '../api/types.js';

export type SessionState = {
  /** The current session, or null when signed out. */
  session: SessionInfo | null;
  isLoading: boolean;
  /** Why the user was last signed out by the server (SESSION_EXPIRED shows a notice). */
  signedOutReason: ErrorCode | null;
  /** Stores a session returned by login, MFA, setup or refresh. */
  setSession: (session: SessionInfo | null) => void;
  /** Reloads the session from the server. */
  refresh: () => Promise<SessionInfo | null>;
  /** Signs out on the server and forgets everything cached. */
  logout: () => Promise<void>;
  clearSignedOutReason: () => void;
};

export const SessionContext = createContext<SessionState | null>(null);

/** The session state; only valid inside SessionProvider. */
export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) {
    throw new Error('useSession outside SessionProvider');
  }
  return state;
}

/** The signed-in user; throws when used on a page that does not require sign-in. */
export function useCurrentUser(): SessionInfo['user'] {
  const { session } = useSession();
  if (!session) {
    throw new Error('useCurrentUser without a session');
  }
  return session.user;
}
