import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client.ts';
import { issuesFromError } from '../lib/problems.ts';
import type { Who } from '../lib/spend.ts';
import { ErrorSummary, Loading } from './govuk.tsx';

/** Shows a query's data, or that it is loading, or what went wrong and what to do next. */
export function Await<T>({
  query,
  children,
  loading,
  who,
}: {
  query: UseQueryResult<T, ApiError>;
  children: (data: T) => ReactNode;
  loading?: ReactNode;
  who?: Who;
}) {
  if (query.isPending) return <Loading>{loading ?? 'Loading…'}</Loading>;
  if (query.isError) return <LoadError error={query.error} who={who} />;
  return <>{children(query.data)}</>;
}

export function LoadError({ error, who }: { error: unknown; who?: Who | undefined }) {
  const status = (error as Partial<ApiError>)?.status;
  const title =
    status === 404 ? 'We could not find this' : status === 403 ? 'You cannot see this' : 'There is a problem';
  return <ErrorSummary title={title} issues={issuesFromError(error, who ? { who } : {})} />;
}
