/**
 * Who is signed in. The token lives in sessionStorage: it goes when the tab closes, and nothing
 * else in the browser can read it from another site.
 *
 * With Cognito hosted sign-in the token is the ID token, and a refresh token is kept beside it
 * (with where it came from). A minute before the ID token expires, or when the API answers 401,
 * the session asks for a new one; if that fails, the sign-in has ended.
 */
import type { RouteId } from '@carepool/functions/routes';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { z } from 'zod';
import {
  ApiError,
  type CallInput,
  callAllPages,
  callApi,
  type PagedRouteId,
  type ResponseOf,
} from './api/client.ts';
import {
  expiresAt,
  logoutUrl,
  refreshGrant,
  requestTokens,
  revokeRefreshToken,
  signedOutPath,
  subjectOf,
} from './lib/hosted-sign-in.ts';

const storageKey = 'carepool.token';
const hostedKey = 'carepool.hosted';
/** Ask for a new ID token this long before the old one expires. */
const refreshAhead = 60_000;

/** What a hosted sign-in keeps beside the ID token, to renew it and to sign out. */
const HostedSession = z.object({ refreshToken: z.string(), domain: z.string(), clientId: z.string() });
export type HostedSession = z.infer<typeof HostedSession>;

interface Session {
  token: string | undefined;
  /** True once a hosted sign-in could not be renewed: the person must sign in again. */
  ended: boolean;
  signIn(token: string, hosted?: HostedSession): void;
  /** Forgets the sign-in in this tab. */
  signOut(): void;
  /**
   * The "Sign out" link: forgets the sign-in here and, after a hosted sign-in, ends it there too
   * (the browser goes to the hosted sign-out page, which comes back to /signed-out). Resolves
   * false when the caller should show /signed-out itself.
   */
  signOutEverywhere(): Promise<boolean>;
  /** Runs an API call with the current token; after a 401 it renews a hosted token once and retries. */
  withToken<T>(call: (token: string | undefined) => Promise<T>): Promise<T>;
}

const SessionContext = createContext<Session | undefined>(undefined);

function readToken(): string | undefined {
  try {
    return sessionStorage.getItem(storageKey) ?? undefined;
  } catch {
    return undefined;
  }
}

function readHosted(): HostedSession | undefined {
  try {
    const parsed = HostedSession.safeParse(JSON.parse(sessionStorage.getItem(hostedKey) ?? 'null'));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | undefined>(readToken);
  const [hosted, setHosted] = useState<HostedSession | undefined>(readHosted);
  const [ended, setEnded] = useState(false);
  const queryClient = useQueryClient();
  // Calls read these, so a renewed token is used at once by calls already under way.
  const tokenRef = useRef(token);
  const hostedRef = useRef(hosted);
  const renewing = useRef<Promise<string | undefined> | undefined>(undefined);

  const forget = useCallback(() => {
    sessionStorage.removeItem(storageKey);
    sessionStorage.removeItem(hostedKey);
    tokenRef.current = undefined;
    hostedRef.current = undefined;
    setToken(undefined);
    setHosted(undefined);
  }, []);

  const signIn = useCallback(
    (next: string, nextHosted?: HostedSession) => {
      sessionStorage.setItem(storageKey, next);
      if (nextHosted) sessionStorage.setItem(hostedKey, JSON.stringify(nextHosted));
      else sessionStorage.removeItem(hostedKey);
      tokenRef.current = next;
      hostedRef.current = nextHosted;
      queryClient.clear();
      setToken(next);
      setHosted(nextHosted);
      setEnded(false);
    },
    [queryClient],
  );

  const signOut = useCallback(() => {
    forget();
    queryClient.clear();
    setEnded(false);
  }, [forget, queryClient]);

  const signOutEverywhere = useCallback(async () => {
    const current = hostedRef.current;
    if (current) {
      // Revoking can fail (offline, already revoked): the sign-out goes ahead either way.
      await revokeRefreshToken(current, current.refreshToken).catch(() => undefined);
    }
    signOut();
    if (!current) return false;
    location.assign(logoutUrl(current, `${location.origin}${signedOutPath}`));
    return true;
  }, [signOut]);

  /** A new ID token from the refresh token, shared by every call that needs one at the same time. */
  const renew = useCallback((): Promise<string | undefined> => {
    const current = hostedRef.current;
    if (!current) return Promise.resolve(undefined);
    renewing.current ??= requestTokens(current, refreshGrant(current, current.refreshToken))
      .then(
        (tokens) => {
          if (hostedRef.current !== current) return undefined; // signed out meanwhile
          const next = { ...current, refreshToken: tokens.refreshToken ?? current.refreshToken };
          sessionStorage.setItem(storageKey, tokens.idToken);
          sessionStorage.setItem(hostedKey, JSON.stringify(next));
          tokenRef.current = tokens.idToken;
          hostedRef.current = next;
          setToken(tokens.idToken);
          setHosted(next);
          return tokens.idToken;
        },
        () => {
          if (hostedRef.current === current) {
            forget();
            setEnded(true);
          }
          return undefined;
        },
      )
      .finally(() => {
        renewing.current = undefined;
      });
    return renewing.current;
  }, [forget]);

  const withToken = useCallback(
    async <T,>(call: (token: string | undefined) => Promise<T>): Promise<T> => {
      const used = tokenRef.current;
      try {
        return await call(used);
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 401) || !used || !hostedRef.current) throw error;
        const next = tokenRef.current && tokenRef.current !== used ? tokenRef.current : await renew();
        if (!next) throw error;
        return call(next);
      }
    },
    [renew],
  );

  // Renew a minute before the ID token expires (at once if it already has, after a reload).
  useEffect(() => {
    if (!token || !hosted) return;
    const expiry = expiresAt(token);
    if (expiry === undefined) return;
    const timer = setTimeout(() => void renew(), Math.max(0, expiry - Date.now() - refreshAhead));
    return () => clearTimeout(timer);
  }, [token, hosted, renew]);

  const value = useMemo(
    () => ({ token, ended, signIn, signOut, signOutEverywhere, withToken }),
    [token, ended, signIn, signOut, signOutEverywhere, withToken],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside SessionProvider');
  return session;
}

/** Calls the API as the signed-in person. */
export function useApi() {
  const { withToken } = useSession();
  return useCallback(
    <K extends RouteId>(id: K, input: CallInput<K>, options: { idempotencyKey?: string } = {}) =>
      withToken((current) => callApi(id, input, { token: current, ...options })),
    [withToken],
  );
}

/** A query for one route, keyed by the route and its input, as the signed-in person. */
export function useRouteQuery<K extends RouteId>(
  id: K,
  input: CallInput<K>,
  options: { enabled?: boolean } = {},
) {
  const { token, withToken } = useSession();
  return useQuery<ResponseOf<K>, ApiError>({
    queryKey: [id, input, token ? 'signed-in' : 'anonymous'],
    queryFn: ({ signal }) => withToken((current) => callApi(id, input, { token: current, signal })),
    enabled: options.enabled ?? true,
  });
}

/** Like useRouteQuery, for a list the page shows whole: every page of it, as one answer. */
export function useAllPages<K extends PagedRouteId>(
  id: K,
  input: CallInput<K>,
  options: { enabled?: boolean } = {},
) {
  const { token, withToken } = useSession();
  return useQuery<ResponseOf<K>, ApiError>({
    // Same key as useRouteQuery, so invalidating the route refreshes this too.
    queryKey: [id, input, token ? 'signed-in' : 'anonymous'],
    queryFn: ({ signal }) => withToken((current) => callAllPages(id, input, { token: current, signal })),
    enabled: options.enabled ?? true,
  });
}

export type Me = ResponseOf<'getMe'>;

/** The cache key of `GET /v1/me`: by person, not by token, so a renewed token keeps it. */
export function meKey(token: string | undefined): readonly unknown[] {
  return ['getMe', token === undefined ? undefined : (subjectOf(token) ?? token)];
}

/** The signed-in person, their roles, and who they act for. */
export function useMe() {
  const { token, withToken } = useSession();
  return useQuery<Me, ApiError>({
    queryKey: meKey(token),
    queryFn: ({ signal }) => withToken((current) => callApi('getMe', {}, { token: current, signal })),
    enabled: token !== undefined,
    staleTime: 60_000,
  });
}
