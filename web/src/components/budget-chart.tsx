import { categoryLabel } from '@carepool/domain';
import { useId, useState } from 'react';
import type { ResponseOf } from '../api/client.ts';
import { yearlyCapPence } from '../lib/budget.ts';
import { formatPence } from '../lib/money.ts';
import { periodWords } from '../lib/plan.ts';
import { ScrollTable } from './scroll-table.tsx';

type AccountLine = ResponseOf<'getAccount'>['lines'][number];

const periodNow: Record<AccountLine['period'], string> = {
  week: 'this week',
  month: 'this month',
  year: 'this plan year',
};

/** What the limit covers: the period alone, or everything so far this plan year. */
export function limitWords(line: AccountLine): string {
  return line.carryForward && line.period !== 'year'
    ? `so far this plan year (${formatPence(line.capPence)} ${periodWords[line.period]}, unspent money carries forward)`
    : `${periodNow[line.period]} (${formatPence(line.capPence)} ${periodWords[line.period]})`;
}

export function lineTitle(line: Pick<AccountLine, 'category' | 'label'>): string {
  const category = categoryLabel(line.category);
  return line.label && line.label !== category ? `${category}: ${line.label}` : category;
}

const percent = (part: number, whole: number) =>
  whole <= 0 ? 0 : Math.max(0, Math.min(100, Math.round((part / whole) * 1000) / 10));

/**
 * "What I can still spend" for each plan line, as bars. Every bar's figures are written beside it,
 * and the same figures can be shown as a table, so nobody has to read the chart to get the facts.
 */
export function BudgetChart({
  lines,
  possessive,
  notes = new Map(),
}: {
  lines: AccountLine[];
  possessive: string;
  /** The plan's notes for each line, by line id, when they can be seen. */
  notes?: Map<string, string>;
}) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  if (lines.length === 0) {
    return (
      <p className="govuk-body">
        There is no approved support plan yet, so there is nothing to spend against.
      </p>
    );
  }
  return (
    <>
      <button
        type="button"
        className="govuk-button govuk-button--secondary"
        aria-controls={id}
        onClick={() => setAsTable(!asTable)}
      >
        {asTable ? 'Show as a chart' : 'Show as a table'}
      </button>
      <div id={id}>
        {asTable ? (
          <ScrollTable caption={<>What {possessive} plan allows, and what is left</>} captionSize="m">
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Part of the plan
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Available so far
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Spent
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Booked
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Left now
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Whole plan year
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {lines.map((line) => (
                <tr className="govuk-table__row" key={line.lineId}>
                  <th scope="row" className="govuk-table__header">
                    {lineTitle(line)}
                    {notes.get(line.lineId) && (
                      <span className="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular">
                        {notes.get(line.lineId)}
                      </span>
                    )}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    {formatPence(line.limitNowPence)}
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    {formatPence(line.spentPence)}
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    {formatPence(line.reservedPence)}
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    <strong>{formatPence(line.leftNowPence)}</strong>
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    {formatPence(yearlyCapPence(line))}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        ) : (
          <>
            <div className="app-key" aria-hidden="true">
              <span>
                <span className="app-key__swatch app-key__swatch--left" /> Left to spend
              </span>
              <span>
                <span className="app-key__swatch app-key__swatch--reserved" /> Booked, not paid yet
              </span>
              <span>
                <span className="app-key__swatch app-key__swatch--spent" /> Spent
              </span>
            </div>
            <ul className="app-bar-chart" aria-label={`What is left on each part of ${possessive} plan`}>
              {lines.map((line) => {
                const left = percent(Math.max(0, line.leftNowPence), line.limitNowPence);
                const reserved = Math.min(percent(line.reservedPence, line.limitNowPence), 100 - left);
                return (
                  <li className="app-bar-chart__item" key={line.lineId}>
                    <span className="app-bar-chart__label">{lineTitle(line)}</span>
                    {notes.get(line.lineId) && (
                      <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-1">
                        {notes.get(line.lineId)}
                      </span>
                    )}
                    <p className="govuk-body govuk-!-margin-bottom-1">
                      <strong className="govuk-!-font-size-24">{formatPence(line.leftNowPence)} left</strong>
                      {line.contingency && ' (kept for emergencies)'}
                    </p>
                    <div className="app-bar-chart__track" aria-hidden="true">
                      <div className="app-bar-chart__fill" style={{ width: `${left}%` }} />
                      <div
                        className="app-bar-chart__fill--reserved"
                        style={{ left: `${left}%`, width: `${reserved}%` }}
                      />
                    </div>
                    <p className="app-bar-chart__figures govuk-!-margin-bottom-0">
                      {formatPence(line.spentPence)} spent
                      {line.reservedPence > 0 && ` and ${formatPence(line.reservedPence)} booked`} of{' '}
                      {formatPence(line.limitNowPence)} {limitWords(line)}.{' '}
                      {formatPence(yearlyCapPence(line))} for the whole plan year.
                    </p>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </div>
    </>
  );
}
