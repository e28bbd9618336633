import { poundsText } from '../../money.ts';
import type { AlertDraft } from '../model.ts';

const changeWords: Record<string, string> = {
  name: 'its name',
  'evidence.cqcRegistrationId': 'its CQC registration',
  'evidence.dbsCheck': 'its DBS check',
  'evidence.publicLiabilityInsurance': 'its insurance',
  'evidence.safeguardingTrainingOn': 'its safeguarding training',
  regulatedPersonalCare: 'now doing regulated personal care',
  regulatedCategories: 'a regulated category',
  serviceArea: 'where it works',
};

export interface ProviderMaterialChangeFacts {
  councilId: string;
  providerId: string;
  providerName: string;
  status: string;
  /** What changed in the checked facts since the last verification (`changedSinceCheck`). */
  changedSinceCheck: readonly string[];
  /** The money of this council's holders that met the changed provider. */
  personId: string;
  transferId: string;
  orderId?: string | undefined;
  amountPence: number;
}

/**
 * Money from the council's holders meets a provider that changed what it was verified on. New
 * bookings are refused by the spend check and payouts are held, but money already committed moves
 * and the change itself may be the warning. Once per provider and set of changes.
 */
export function providerMaterialChange(facts: ProviderMaterialChangeFacts): AlertDraft | undefined {
  if (facts.changedSinceCheck.length === 0) return undefined;
  const changes = [...facts.changedSinceCheck].sort();
  return {
    rule: 'provider_material_change',
    councilId: facts.councilId,
    situation: `${facts.providerId}#${changes.join(',')}`,
    summary: `${facts.providerName} changed ${changes.map((c) => changeWords[c] ?? c).join(', ')} after it was verified, and is ${facts.status} until someone checks again. ${poundsText(facts.amountPence)} of a holder's money moved towards it since. Check the provider again.`,
    figures: { changes: changes.length, amountPence: facts.amountPence },
    links: {
      providerId: facts.providerId,
      personIds: [facts.personId],
      transferIds: [facts.transferId],
      orderIds: facts.orderId ? [facts.orderId] : [],
    },
  };
}
