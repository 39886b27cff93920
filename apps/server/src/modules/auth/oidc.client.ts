import * as client from 'openid-client';
import type { AppConfig } from '../../config.js';

/** Where the provider sends the browser back to. */
export const OIDC_CALLBACK_PATH = '/api/v1/auth/oidc/callback';
export const OIDC_START_PATH = '/api/v1/auth/oidc/start';

type OidcSettings = { issuer: string; clientId: string; clientSecret: string; allowHttp: boolean };

/** The OIDC settings, or null when single sign-on is not configured. */
export function oidcSettings(config: AppConfig): OidcSettings | null {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET) {
    return null;
  }
  return {
    issuer: config.OIDC_ISSUER,
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    allowHttp: config.OIDC_ALLOW_HTTP,
  };
}

/** The redirect URI registered at the provider: PUBLIC_URL + the callback path. */
export function oidcRedirectUri(config: AppConfig): string {
  return new URL(OIDC_CALLBACK_PATH, config.PUBLIC_URL).toString();
}

/** Discovery results per configuration; a failed discovery is retried on the next sign-in. */
const discovered = new WeakMap<AppConfig, Promise<client.Configuration>>();

/**
 * The provider's metadata, discovered once. Plain http is allowed only when
 * OIDC_ALLOW_HTTP is set (tests and local development).
 */
export async function oidcConfiguration(config: AppConfig, settings: OidcSettings): Promise<client.Configuration> {
  let pending = discovered.get(config);
  if (!pending) {
    pending = client.discovery(
      new URL(settings.issuer),
      settings.clientId,
      { client_secret: settings.clientSecret },
      client.ClientSecretBasic(settings.clientSecret),
      { execute: settings.allowHttp ? [client.allowInsecureRequests] : [], timeout: 10 },
    );
    discovered.set(config, pending);
    void pending.catch(() => discovered.delete(config));
  }
  return pending;
}

export { client as oidc };
