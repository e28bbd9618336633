import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client.ts';
import { issuesFromError } from '../lib/problems.ts';
import type { Who } from '../lib/spend.ts';
import { ErrorSummary, Loading } from './govuk.tsx';
import { PageTitle } from './layout.tsx';

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

/**
 * A form page about one thing that must load first: the page's title and heading while it loads
 * (or why it could not), then the form, which brings its own.
 */
export function AwaitFormPage<T>({
  query,
  title,
  loading,
  children,
}: {
  query: UseQueryResult<T, ApiError>;
  title: string;
  loading: ReactNode;
  children: (data: T) => ReactNode;
}) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Await query={query} loading={loading}>
          {children}
        </Await>
        {!query.data && (
          <>
            <PageTitle title={title} error={query.isError} />
            <h1 className="govuk-heading-l">{title}</h1>
          </>
        )}
      </div>
    </div>
  );
}
