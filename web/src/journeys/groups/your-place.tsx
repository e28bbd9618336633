import { Link } from 'react-router';
import type { ResponseOf } from '../../api/client.ts';
import { ButtonLink } from '../../components/govuk.tsx';
import { formatPence } from '../../lib/money.ts';
import type { Membership } from './use-membership.ts';

/** The person's place in the group: in it (and how to leave), paid, or how to join. */
export function YourPlace({
  group,
  membership,
  whose,
  youWord,
  name,
  forQuery,
  canJoin,
}: {
  group: ResponseOf<'getGroup'>;
  membership: Membership | undefined;
  whose: string;
  youWord: string;
  name: string | undefined;
  forQuery: string;
  canJoin: boolean;
}) {
  const id = group.groupId;
  const heading = name ? `${name}’s place` : 'Your place';
  if (membership?.status === 'joined') {
    return (
      <>
        <h2 className="govuk-heading-m">{heading}</h2>
        <p className="govuk-body">
          {name ?? 'You'} {name ? 'is' : 'are'} in this group. We have set aside{' '}
          <strong>{formatPence(membership.reservedPence)}</strong> from {whose} budget: the most {youWord}{' '}
          could pay. If more people join, {youWord} pay{name ? 's' : ''} less and the rest is released.
        </p>
        {group.status === 'open' && (
          <p className="govuk-body">
            <Link className="govuk-link" to={`/groups/${id}/leave${forQuery}`}>
              Leave this group
            </Link>
          </p>
        )}
      </>
    );
  }
  if (membership?.status === 'settled') {
    const paid = membership.paidPence ?? 0;
    const released = membership.reservedPence - paid;
    return (
      <>
        <h2 className="govuk-heading-m">{heading}</h2>
        <p className="govuk-body" data-testid="your-share">
          {name ? `${name}’s` : 'Your'} share: <strong>{formatPence(paid)}</strong>.
          {released > 0 &&
            ` We had set aside ${formatPence(membership.reservedPence)}; the other ${formatPence(released)} went back into ${whose} budget.`}
        </p>
      </>
    );
  }
  if (group.status !== 'open' || !canJoin) return null;
  if (group.placesLeft <= 0) return <p className="govuk-body">This group is full.</p>;
  return (
    <>
      <h2 className="govuk-heading-m">Join</h2>
      <p className="govuk-body">
        Joining sets aside {formatPence(group.reservationPence)} from {whose} budget, the most {youWord} could
        pay. The price can only fall from there.
      </p>
      <ButtonLink to={`/groups/${id}/join${forQuery}`}>Join this group</ButtonLink>
    </>
  );
}
