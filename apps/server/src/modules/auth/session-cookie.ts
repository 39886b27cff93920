import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../../config.js';
import { SESSION_COOKIE } from './session.service.js';

/** What a successful sign-in step hands the route: the cookie token and its expiry. */
export type IssuedCookie = { token: string; expiresAt: Date };

function baseOptions(config: AppConfig) {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: config.isSecure } as const;
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure behind HTTPS. */
export function setSessionCookie(reply: FastifyReply, config: AppConfig, cookie: IssuedCookie): void {
  void reply.setCookie(SESSION_COOKIE, cookie.token, { ...baseOptions(config), expires: cookie.expiresAt });
}

/** Removes the session cookie from the browser. */
export function clearSessionCookie(reply: FastifyReply, config: AppConfig): void {
  void reply.clearCookie(SESSION_COOKIE, baseOptions(config));
}
