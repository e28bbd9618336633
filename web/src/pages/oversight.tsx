/**
 * How closely the council watches a budget (DESIGN 3.8): the holder and their helpers see the
 * level and the care manager's reason; a care manager changes it with a reason.
 */
import type { ResponseOf } from '../api/client.ts';
import { InsetText } from '../components/govuk.tsx';
import { formatDate } from '../lib/dates.ts';
import type { PersonContext } from '../person.ts';

type Person = ResponseOf<'getPerson'>;
export type OversightLevel = 'standard' | 'confirm_every_payment' | 'council_managed';

export const oversightLevels: Record<OversightLevel, { text: string; hint: string }> = {
  standard: {
    text: 'Standard',
    hint: 'The holder, and anyone they allow, books, confirms and pays.',
  },
  confirm_every_payment: {
    text: 'A care manager approves payments',
    hint: 'Nothing is confirmed automatically, and payments above the council’s small amount wait for a care manager.',
  },
  council_managed: {
    text: 'The council manages payments',
    hint: 'Only council staff book, confirm and pay for now.',
  },
};

/** What the holder (or whoever helps them) is told when the council watches the budget more closely. */
export function OversightNotice({ person, context }: { person: Person; context: PersonContext }) {
  const level = (person.oversight?.level ?? 'standard') as OversightLevel;
  if (level === 'standard' || context.relationship === 'council') return null;
  const whose = context.relationship === 'self' ? 'your' : `${context.who.firstName}’s`;
  return (
    <InsetText>
      <p className="govuk-body" data-testid="oversight-notice">
        <strong>
          {level === 'confirm_every_payment'
            ? `A care manager approves larger payments from ${whose} budget.`
            : `The council manages payments from ${whose} budget for now: ask the care manager to book or pay.`}
        </strong>
      </p>
      {person.oversight?.reason && (
        <p className="govuk-body">
          The reason they gave on {formatDate(person.oversight.setAt)}: “{person.oversight.reason}”
        </p>
      )}
    </InsetText>
  );
}
