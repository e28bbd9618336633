import { type AlertDraft, plural } from '../model.ts';
import type { EffectiveAlertThresholds } from '../thresholds.ts';

export interface BrokerSteeringFacts {
  councilId: string;
  brokerUserId: string;
  providerId: string;
  providerName: string;
  /** What the broker declared about the provider. */
  interest: string;
  /** The broker's bookings with this provider for the people they act for, in the window. */
  bookings: ReadonlyArray<{ personId: string; orderId?: string | undefined; transferId: string; at: string }>;
}

/**
 * A broker keeps booking the people they act for with a provider they declared an interest in.
 * Declaring it was right; steering everyone there is what the council should see. Once per
 * broker and provider.
 */
export function brokerSteering(
  facts: BrokerSteeringFacts,
  t: Pick<EffectiveAlertThresholds, 'brokerSteeringHolders' | 'brokerSteeringWindowDays'>,
): AlertDraft | undefined {
  const people = new Set(facts.bookings.map((b) => b.personId));
  if (people.size < t.brokerSteeringHolders) return undefined;
  return {
    rule: 'broker_steering',
    councilId: facts.councilId,
    situation: `${facts.brokerUserId}#${facts.providerId}`,
    summary: `Broker ${facts.brokerUserId} booked ${plural(people.size, 'person', 'different people')} they act for with ${facts.providerName} in the last ${t.brokerSteeringWindowDays} days. The broker declared an interest in it ("${facts.interest}"). The council looks at ${t.brokerSteeringHolders} or more: check each person chose it.`,
    figures: {
      holders: people.size,
      bookings: facts.bookings.length,
      windowDays: t.brokerSteeringWindowDays,
    },
    links: {
      personIds: [...people],
      providerId: facts.providerId,
      userIds: [facts.brokerUserId],
      orderIds: facts.bookings.flatMap((b) => (b.orderId ? [b.orderId] : [])),
      transferIds: facts.bookings.map((b) => b.transferId),
    },
  };
}
