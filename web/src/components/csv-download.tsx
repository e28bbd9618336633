/**
 * A spreadsheet (CSV) version of a report the page already shows: the same route asked for
 * `format: 'csv'`, held as a file in the browser so the link downloads it with the signed-in
 * person's token (a plain link to the API could not send the token).
 */

import type { RouteId } from '@carepool/functions/routes';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { type ApiError, type CallInput, callApiText } from '../api/client.ts';
import { useSession } from '../session.tsx';
import { Loading } from './govuk.tsx';

export interface CsvFile {
  /** An object URL for the file, once it has arrived. */
  url: string | undefined;
  isError: boolean;
}

/** Fetches the CSV once `enabled` (usually: once the page's own figures arrived). */
export function useCsvFile<K extends RouteId>(id: K, input: CallInput<K>, enabled: boolean): CsvFile {
  const { token, withToken } = useSession();
  const csv = useQuery<string, ApiError>({
    queryKey: [`${id}.csv`, input, token ? 'signed-in' : 'anonymous'],
    queryFn: () => withToken((current) => callApiText(id, input, { token: current })),
    enabled,
  });
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    // Other dates: the old file must not be offered while the new one is on its way.
    if (!csv.data) {
      setUrl(undefined);
      return;
    }
    const next = URL.createObjectURL(new Blob([csv.data], { type: 'text/csv' }));
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [csv.data]);
  return { url, isError: csv.isError };
}

/** The download link, or why it is not there yet. */
export function CsvDownloadLink({ file, fileName, text }: { file: CsvFile; fileName: string; text: string }) {
  return (
    <p className="govuk-body">
      {file.url ? (
        <a className="govuk-link" href={file.url} download={fileName}>
          {text}
        </a>
      ) : file.isError ? (
        'The spreadsheet version is not available just now.'
      ) : (
        <Loading>Preparing the spreadsheet…</Loading>
      )}
    </p>
  );
}
