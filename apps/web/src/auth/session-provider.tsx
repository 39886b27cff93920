import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ErrorCode } from '@custodian/shared';
import { http, unwrap, setCsrfToken, setSignedOutHandler } from '../api/client.js';
import { fetchSession } from '../api/session.js';
import type { SessionInfo } from '../api/types.js';
import { currentLanguage, hasLocalLanguageChoice, switchLanguage } from '../i18n.js';
import { SessionContext, type SessionState } from './session-context.js';
import { queryKeys } from '../api/query-keys.js';

export const SESSION_KEY = queryKeys.session.current;
/** Queries that do not depend on who is signed in survive a sign-out. */
const PUBLIC_QUERIES = new Set<string>(
  [queryKeys.session.current, queryKeys.session.setupStatus, queryKeys.session.oidcConfig].map((key) => key[0]),
);

/**
 * Once per signed-in user: a language picked on this browser before signing in is saved
 * to the profile; otherwise the profile's language applies.
 */
function useProfileLanguage(session: SessionInfo | null): void {
  const appliedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!session || session.stage !== 'active') {
      if (!session) {
        appliedFor.current = null;
      }
      return;
    }
    if (appliedFor.current === session.user.id) {
      return;
    }
    appliedFor.current = session.user.id;
    const ui = currentLanguage();
    if (session.user.locale === ui) {
      return;
    }
    if (hasLocalLanguageChoice()) {
      void unwrap(http.PATCH('/api/v1/account', { body: { locale: ui } })).catch(() => undefined);
    } else {
      void switchLanguage(session.user.locale, { remember: false });
    }
  }, [session]);
}

/** Holds the session (via react-query) and reacts when the server ends it. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [signedOutReason, setSignedOutReason] = useState<ErrorCode | null>(null);
  const query = useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      const session = await fetchSession();
      setCsrfToken(session?.csrfToken ?? null);
      return session;
    },
    staleTime: 60_000,
    retry: false,
  });
  const session = query.data ?? null;
  useProfileLanguage(session);

  const setSession = useCallback(
    (next: SessionInfo | null) => {
      setCsrfToken(next?.csrfToken ?? null);
      if (next) {
        setSignedOutReason(null);
      }
      queryClient.setQueryData(SESSION_KEY, next);
    },
    [queryClient],
  );

  useEffect(() => {
    setSignedOutHandler((code) => {
      setCsrfToken(null);
      setSignedOutReason(code);
      queryClient.removeQueries({ predicate: (q) => !PUBLIC_QUERIES.has(String(q.queryKey[0])) });
      queryClient.setQueryData(SESSION_KEY, null);
    });
    return () => setSignedOutHandler(null);
  }, [queryClient]);

  const refresh = useCallback(async () => {
    const next = await fetchSession();
    setSession(next);
    return next;
  }, [setSession]);

  const logout = useCallback(async () => {
    try {
      await unwrap(http.POST('/api/v1/auth/logout'));
    } finally {
      setCsrfToken(null);
      setSignedOutReason(null);
      queryClient.clear();
      queryClient.setQueryData(SESSION_KEY, null);
    }
  }, [queryClient]);

  const value = useMemo<SessionState>(
    () => ({
      session,
      isLoading: query.isPending,
      signedOutReason,
      setSession,
      refresh,
      logout,
      clearSignedOutReason: () => setSignedOutReason(null),
    }),
    [session, query.isPending, signedOutReason, setSession, refresh, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
