import type { ErrorCode } from '@custodian/shared';
import { api, ApiError } from './client.js';
import type { OidcConfig, SessionInfo, SetupStatus } from './types.js';

const SIGNED_OUT: readonly ErrorCode[] = ['UNAUTHENTICATED', 'SESSION_EXPIRED'];

/** The current session, or null when signed out. */
export async function fetchSession(): Promise<SessionInfo | null> {
  try {
    return await api<SessionInfo>('/auth/session');
  } catch (error) {
    if (error instanceof ApiError && SIGNED_OUT.includes(error.code)) {
      return null;
    }
    throw error;
  }
}

/** Whether the first-run page is open. */
export function fetchSetupStatus(): Promise<SetupStatus> {
  return api<SetupStatus>('/setup/status');
}

/** Whether single sign-on is configured, and where it starts. */
export function fetchOidcConfig(): Promise<OidcConfig> {
  return api<OidcConfig>('/auth/oidc/config');
}
