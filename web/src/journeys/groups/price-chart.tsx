/**
 * How a group's price falls as people join, as a step chart: the price each for the whole group
 * against the number of members, with where it stands now. The picture is an image with a title
 * and a description in words, and the same figures follow as a table, so nobody needs the chart.
 */
import { useId } from 'react';
import { Details } from '../../components/govuk.tsx';
import {
  type PricedGroup,
  type PriceStep,
  priceEach,
  priceSteps,
  sessionsWords,
  stepWords,
} from '../../lib/groups.ts';
import { formatPence } from '../../lib/money.ts';

const width = 480;
const height = 220;
const left = 64;
const right = 16;
const top = 16;
const bottom = 44;

/** At most this many labels on an axis, so they never overlap. */
const mostLabels = 6;

function spread<T>(items: readonly T[]): T[] {
  if (items.length <= mostLabels) return [...items];
  const every = Math.ceil(items.length / mostLabels);
  return items.filter((_, i) => i % every === 0 || i === items.length - 1);
}

export function PriceStepChart({ group, memberCount }: { group: PricedGroup; memberCount: number }) {
  const titleId = useId();
  const descId = useId();
  const steps = priceSteps(group);
  if (steps.length < 2) return null;
  const lowest = group.minParticipants;
  const highest = group.maxParticipants + 1;
  const dearest = Math.max(...steps.map((s) => s.eachPence));
  const x = (people: number) => left + ((people - lowest) / (highest - lowest)) * (width - left - right);
  const y = (pence: number) => top + (1 - pence / (dearest * 1.1)) * (height - top - bottom);
  const path = steps
    .map((step, i) => `${i === 0 ? 'M' : 'L'}${x(step.from)},${y(step.eachPence)} H${x(step.to + 1)}`)
    .join(' ');
  const nowCount = Math.max(memberCount, lowest);
  const nowPence = priceEach(group, memberCount);
  const series = group.sessions > 1 ? ` for all ${group.sessions} sessions` : '';
  const title = `What each person pays${series}, by how many join`;
  const words = `${stepWords(steps).join('; ')}. Now ${memberCount} ${memberCount === 1 ? 'has' : 'have'} joined: ${formatPence(nowPence)} each.`;
  return (
    <figure className="app-price-chart govuk-!-margin-0 govuk-!-margin-bottom-6">
      <figcaption className="govuk-heading-s">{title}</figcaption>
      <svg
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
        // The page's typeface, not the SVG default serif.
        style={{ fontFamily: 'inherit' }}
        data-testid="price-chart"
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{words}</desc>
        <line x1={left} y1={top} x2={left} y2={height - bottom} stroke="#505a5f" />
        <line x1={left} y1={height - bottom} x2={width - right} y2={height - bottom} stroke="#505a5f" />
        {spread([...new Set(steps.map((s) => s.eachPence))]).map((pence) => (
          <text key={pence} x={left - 6} y={y(pence) + 5} fontSize={14} textAnchor="end" fill="#0b0c0c">
            {formatPence(pence)}
          </text>
        ))}
        {spread(steps).map((step) => (
          <text
            key={step.from}
            x={(x(step.from) + x(step.from + 1)) / 2}
            y={height - bottom + 18}
            fontSize={14}
            textAnchor="middle"
            fill="#0b0c0c"
          >
            {step.from}
          </text>
        ))}
        <text x={(left + width - right) / 2} y={height - 6} fontSize={14} textAnchor="middle" fill="#0b0c0c">
          People in the group
        </text>
        <path d={path} fill="none" stroke="#1d70b8" strokeWidth={4} />
        <line
          x1={(x(nowCount) + x(nowCount + 1)) / 2}
          y1={top}
          x2={(x(nowCount) + x(nowCount + 1)) / 2}
          y2={height - bottom}
          stroke="#0b0c0c"
          strokeDasharray="4 3"
        />
        <circle cx={(x(nowCount) + x(nowCount + 1)) / 2} cy={y(nowPence)} r={7} fill="#0b0c0c" />
        <text x={(x(nowCount) + x(nowCount + 1)) / 2 + 10} y={top + 12} fontSize={14} fill="#0b0c0c">
          Now
        </text>
      </svg>
      <Details summary="Show the prices as a table">
        <div className="app-table-wrapper">
          <table className="govuk-table" data-testid="price-table">
            <caption className="govuk-table__caption govuk-table__caption--s">{title}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  People in the group
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Price each
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {steps.map((step) => (
                <tr className="govuk-table__row" key={step.from}>
                  <th scope="row" className="govuk-table__header">
                    {peopleText(step)}
                    {step.from <= nowCount && nowCount <= step.to && ' (now)'}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    {formatPence(step.eachPence)}
                    {group.sessions > 1 && (
                      <span className="govuk-body-s govuk-!-display-block govuk-!-margin-0">
                        {sessionsWords(step.eachPence, group.sessions)}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Details>
    </figure>
  );
}

function peopleText(step: PriceStep): string {
  return step.from === step.to ? `${step.from}` : `${step.from} to ${step.to}`;
}
