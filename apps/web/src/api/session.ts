import type { ErrorCode } from '@custodian/shared';
import { http, unwrap, ApiError } from './client.js';
import type { OidcConfig, SessionInfo, SetupStatus } from './types.js';

const SIGNED_OUT: readonly ErrorCode[] = ['UNAUTHENTICATED', 'SESSION_EXPIRED'];

/** The current session, or null when signed out. */
export async function fetchSession(): Promise<SessionInfo | null> {
  try {
    return await unwrap(http.GET('/api/v1/auth/session'));
  } catch (error) {
    if (error instanceof ApiError && SIGNED_OUT.includes(error.code)) {
      return null;
    }
    throw error;
  }
}

/** Whether the first-run page is open. */
export function fetchSetupStatus(): Promise<SetupStatus> {
  return unwrap(http.GET('/api/v1/setup/status'));
}

/** Whether single sign-on is configured, and where it starts. */
export function fetchOidcConfig(): Promise<OidcConfig> {
  return unwrap(http.GET('/api/v1/auth/oidc/config'));
}
