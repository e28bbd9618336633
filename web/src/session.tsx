/**
 * Who is signed in. The token lives in sessionStorage: it goes when the tab closes, and nothing
 * else in the browser can read it from another site.
 */
import type { RouteId } from '@carepool/functions/routes';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { type ApiError, type CallInput, callApi, type ResponseOf } from './api/client.ts';

const storageKey = 'carepool.token';

interface Session {
  token: string | undefined;
  signIn(token: string): void;
  signOut(): void;
}

const SessionContext = createContext<Session | undefined>(undefined);

function readToken(): string | undefined {
  try {
    return sessionStorage.getItem(storageKey) ?? undefined;
  } catch {
    return undefined;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | undefined>(readToken);
  const queryClient = useQueryClient();
  const signIn = useCallback(
    (next: string) => {
      sessionStorage.setItem(storageKey, next);
      queryClient.clear();
      setToken(next);
    },
    [queryClient],
  );
  const signOut = useCallback(() => {
    sessionStorage.removeItem(storageKey);
    queryClient.clear();
    setToken(undefined);
  }, [queryClient]);
  const value = useMemo(() => ({ token, signIn, signOut }), [token, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside SessionProvider');
  return session;
}

/** Calls the API as the signed-in person. */
export function useApi() {
  const { token } = useSession();
  return useCallback(
    <K extends RouteId>(id: K, input: CallInput<K>, options: { idempotencyKey?: string } = {}) =>
      callApi(id, input, { token, ...options }),
    [token],
  );
}

/** A query for one route, keyed by the route and its input, as the signed-in person. */
export function useRouteQuery<K extends RouteId>(
  id: K,
  input: CallInput<K>,
  options: { enabled?: boolean } = {},
) {
  const { token } = useSession();
  return useQuery<ResponseOf<K>, ApiError>({
    queryKey: [id, input, token ? 'signed-in' : 'anonymous'],
    queryFn: ({ signal }) => callApi(id, input, { token, signal }),
    enabled: options.enabled ?? true,
  });
}

export type Me = ResponseOf<'getMe'>;

/** The signed-in person, their roles, and who they act for. */
export function useMe() {
  const { token } = useSession();
  return useQuery<Me, ApiError>({
    queryKey: ['getMe', token],
    queryFn: ({ signal }) => callApi('getMe', {}, { token, signal }),
    enabled: token !== undefined,
    staleTime: 60_000,
  });
}
