import { shortReference } from '@carepool/domain';
import type { ResponseOf } from '../../api/client.ts';
import { AnswerLines } from '../../components/check-answers.tsx';
import { SummaryList } from '../../components/govuk.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import {
  isSimulatedRail,
  joinedWords,
  nextPriceWords,
  pricingWords,
  scheduleWords,
  sessionsWords,
} from '../../lib/groups.ts';
import { formatPence } from '../../lib/money.ts';
import { distanceWords } from '../../lib/search.ts';
import { SimulatedRailTag } from '../budget/money.tsx';
import { whereWords } from '../search/search.tsx';

type Group = ResponseOf<'getGroup'>;

/** What a group costs now and when more join, when and where it is, and what has been paid. */
export function GroupFacts({ group }: { group: Group }) {
  const open = group.status === 'open';
  const belowMinimum = group.memberCount < group.minParticipants;
  return (
    <SummaryList
      rows={[
        open && {
          key: 'Price each now',
          value: (
            <>
              <strong>{formatPence(group.pricePerPersonNowPence)}</strong>
              {belowMinimum && ` (the price for ${group.minParticipants} people, the fewest it needs)`}{' '}
              {sessionsWords(group.pricePerPersonNowPence, group.sessions)}
            </>
          ),
        },
        open && {
          key: 'If more people join',
          value: <span data-testid="next-price">{nextPriceWords(group)}</span>,
        },
        group.settlement && {
          key: 'Final price',
          value: (
            <>
              <strong>{formatPence(group.settlement.pricePerPersonPence)} each</strong> for a group of{' '}
              {group.settlement.members} ({formatPence(group.settlement.totalPence)} in all)
            </>
          ),
        },
        open && {
          key: 'Places left',
          value: `${group.placesLeft} of ${group.maxParticipants}`,
        },
        {
          key: 'Joined',
          value: open ? joinedWords(group.memberCount, group.minParticipants) : String(group.memberCount),
        },
        open && { key: 'Last day to join', value: formatDateTime(group.deadline) },
        { key: 'When', value: scheduleWords(group.schedule) },
        { key: 'Where', value: whereWords(group) },
        group.distanceKm !== undefined &&
          group.where.mode !== 'online' && { key: 'Distance', value: distanceWords(group.distanceKm) },
        {
          key: group.sessions > 1 ? 'Group prices, per session' : 'Group prices',
          value: <AnswerLines items={pricingWords(group)} />,
        },
        group.sessions > 1 && {
          key: 'You pay for',
          value: (
            <span data-testid="sessions-charged">
              All {group.sessions} sessions: {formatPence(group.pricePerSessionNowPence)} a session,{' '}
              {formatPence(group.pricePerPersonNowPence)} each in all at the price now
            </span>
          ),
        },
        group.delivery && {
          key: 'Delivered',
          value: `${formatDateTime(group.delivery.at)}${group.delivery.notes ? `: ${group.delivery.notes}` : ''}`,
        },
        group.payout && {
          key: 'Paid to the provider',
          value: (
            <>
              {group.payout.status === 'held'
                ? 'Not yet: the provider is not verified at the moment, so the payment waits until the council has checked the provider again.'
                : group.payout.status === 'failed' || group.payout.status === 'due'
                  ? 'Not yet: the payment to the provider has not gone through. Carepool will try again.'
                  : `${formatPence(group.settlement?.totalPence ?? 0)} to ${group.providerName}`}
              {isSimulatedRail(group.payout.railTransferId) && (
                <>
                  <br />
                  <SimulatedRailTag />
                </>
              )}
            </>
          ),
        },
        { key: 'Reference', value: shortReference(group.groupId) },
      ]}
    />
  );
}
