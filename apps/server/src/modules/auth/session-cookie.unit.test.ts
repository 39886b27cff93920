import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../../test/helpers.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';

async function cookieHeader(publicUrl: string, clear = false): Promise<string> {
  const config = testConfig({ PUBLIC_URL: publicUrl });
  const app = Fastify();
  await app.register(cookie);
  app.get('/', async (_request, reply) => {
    if (clear) {
      clearSessionCookie(reply, config);
    } else {
      setSessionCookie(reply, config, { token: 'abc', expiresAt: new Date('2030-01-01T00:00:00Z') });
    }
    return 'ok';
  });
  const res = await app.inject({ method: 'GET', url: '/' });
  await app.close();
  return String(res.headers['set-cookie']);
}

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, site-wide, and expires with the session', async () => {
    const header = await cookieHeader('http://127.0.0.1:8080');
    expect(header).toMatch(/^custodian_session=abc;/);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).toMatch(/Path=\//);
    expect(header).toMatch(/Expires=Tue, 01 Jan 2030/);
    expect(header).not.toMatch(/Secure/);
  });

  it('is Secure behind HTTPS, also when cleared', async () => {
    expect(await cookieHeader('https://custodian.moe.edu.tw')).toMatch(/; Secure/);
    const cleared = await cookieHeader('https://custodian.moe.edu.tw', true);
    expect(cleared).toMatch(/^custodian_session=;/);
    expect(cleared).toMatch(/; Secure/);
  });
});
