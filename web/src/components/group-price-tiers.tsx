import { parsePounds } from '../lib/money.ts';
import type { SummaryIssue } from '../lib/problems.ts';
import { Button, errorFor, Fieldset, TextInput } from './govuk.tsx';

/** One group price as typed: text until it is checked. */
export interface TierForm {
  people: string;
  price: string;
}

/**
 * Checks the typed group prices, adding a plain-English issue for each field at fault, and turns
 * them into the API's tiers. Listings and quotes both use it.
 */
export function readTiers(
  tiers: readonly TierForm[],
  found: SummaryIssue[],
): Array<{ minParticipants: number; pricePerPersonPence: number }> {
  return tiers.map((tier, index) => {
    const each = parsePounds(tier.price, { label: 'the price each', min: 1 });
    if (!each.ok) {
      found.push({
        fieldId: `tier-${index}-price`,
        message: `Group price ${index + 1}: ${each.message.toLowerCase()}`,
      });
    }
    const people = Number(tier.people);
    if (!Number.isInteger(people) || people < 2) {
      found.push({
        fieldId: `tier-${index}-people`,
        message: `Group price ${index + 1}: enter a group size of 2 or more`,
      });
    }
    return { minParticipants: people, pricePerPersonPence: each.ok ? each.pence : 0 };
  });
}

/** Edits up to five group prices: "from how many people" and "price each", added and removed in place. */
export function GroupPriceTiers({
  tiers,
  onChange,
  issues,
}: {
  tiers: TierForm[];
  onChange: (tiers: TierForm[]) => void;
  issues: SummaryIssue[];
}) {
  const setTier = (index: number, change: Partial<TierForm>) =>
    onChange(tiers.map((tier, i) => (i === index ? { ...tier, ...change } : tier)));
  return (
    <>
      <h2 className="govuk-heading-m">Group prices (optional)</h2>
      <p className="govuk-body">A lower price for each person when more people come together.</p>
      {tiers.map((tier, index) => (
        <Fieldset
          // biome-ignore lint/suspicious/noArrayIndexKey: tiers are edited in place, by position
          key={index}
          id={`tier-${index}`}
          legend={`Group price ${index + 1}`}
          legendSize="s"
        >
          <TextInput
            id={`tier-${index}-people`}
            label="From how many people?"
            inputMode="numeric"
            width={3}
            value={tier.people}
            onChange={(value) => setTier(index, { people: value })}
            error={errorFor(issues, `tier-${index}-people`)}
          />
          <TextInput
            id={`tier-${index}-price`}
            label="Price each"
            prefix="£"
            inputMode="decimal"
            width={5}
            value={tier.price}
            onChange={(value) => setTier(index, { price: value })}
            error={errorFor(issues, `tier-${index}-price`)}
          />
          <Button
            type="button"
            variant="secondary"
            onClick={() => onChange(tiers.filter((_, i) => i !== index))}
          >
            Remove group price {index + 1}
          </Button>
        </Fieldset>
      ))}
      {tiers.length < 5 && (
        <Button
          type="button"
          variant="secondary"
          onClick={() => onChange([...tiers, { people: '', price: '' }])}
        >
          Add a group price
        </Button>
      )}
    </>
  );
}
