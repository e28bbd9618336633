import * as z from 'zod';
import { CategoryCode, categories } from '../categories.ts';
import { conflict, type DomainError, invalid } from '../errors.ts';
import { Id, IsoDate, IsoDateTime, LongText, Postcode, ShortText, WholePence } from '../values.ts';

export const ProviderKind = z.enum(
  ['organisation', 'micro_enterprise', 'personal_assistant', 'mainstream_business', 'broker'],
  { error: 'Choose organisation, micro_enterprise, personal_assistant, mainstream_business or broker' },
);
export type ProviderKind = z.infer<typeof ProviderKind>;

export const ProviderStatus = z.enum(['pending', 'verified', 'suspended']);
export type ProviderStatus = z.infer<typeof ProviderStatus>;

export const DbsLevel = z.enum(['none', 'basic', 'standard', 'enhanced']);

/** What a council looks at before letting public money reach a provider. */
export const Evidence = z
  .object({
    /** Care Quality Commission registration: required for regulated personal care. */
    cqcRegistrationId: z
      .string()
      .trim()
      .regex(/^1-[0-9]{6,12}$/, { error: 'A CQC registration id looks like 1-123456789' })
      .optional(),
    dbsCheck: z.object({ level: DbsLevel, checkedOn: IsoDate.optional() }).default({ level: 'none' }),
    publicLiabilityInsurance: z
      .object({ insurer: ShortText(80), coverPence: WholePence, expiresOn: IsoDate })
      .optional(),
    safeguardingTrainingOn: IsoDate.optional(),
  })
  .meta({ id: 'Evidence' });
export type Evidence = z.infer<typeof Evidence>;

/** Brokers must say what they charge and any interest they hold in a provider. */
export const BrokerDisclosure = z
  .object({
    fee: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('percent'),
        /** Hundredths of a percent: 250 is 2.5% of the budget. Kept integral like money. */
        basisPoints: z
          .number()
          .int()
          .min(0)
          .max(2000, { error: 'A broker fee over 20% needs a fixed fee instead' }),
      }),
      z.object({ kind: z.literal('fixed'), amountPence: WholePence, per: z.enum(['hour', 'plan', 'year']) }),
    ]),
    interests: z
      .array(z.object({ providerId: Id.optional(), description: ShortText(200) }))
      .max(20)
      .default([]),
  })
  .meta({ id: 'BrokerDisclosure' });
export type BrokerDisclosure = z.infer<typeof BrokerDisclosure>;

export const Contact = z.object({
  email: z.email({ error: 'Enter an email address like name@example.org' }).max(200),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9 +()-]{7,20}$/, { error: 'Enter a phone number like 01423 500600' })
    .optional(),
  website: z
    .url({ protocol: /^https?$/, error: 'Enter a web address starting with https://' })
    .max(300)
    .optional(),
});

export const ServiceArea = z.object({
  postcode: Postcode,
  radiusKm: z
    .number()
    .min(0.1, { error: 'The service radius must be at least 0.1 km' })
    .max(200, { error: 'Use a service radius of 200 km or less' }),
});

/** The profile fields a provider writes, without defaults so a PATCH changes only what it sends. */
export const ProviderFields = z.object({
  kind: ProviderKind,
  name: ShortText(120),
  description: LongText(2000),
  /** Micro-enterprises have 1 to 8 workers; the number helps councils see the local market. */
  workers: z.number().int().min(1).max(100_000).optional(),
  serviceArea: ServiceArea,
  contact: Contact,
  evidence: Evidence,
  /** Set when the provider does regulated personal care, so a CQC registration is expected. */
  regulatedPersonalCare: z.boolean(),
  categories: z.array(CategoryCode).max(10),
  broker: BrokerDisclosure.optional(),
});

export const ProviderProfile = ProviderFields.extend({
  description: ProviderFields.shape.description.default(''),
  evidence: Evidence.default({ dbsCheck: { level: 'none' } }),
  regulatedPersonalCare: ProviderFields.shape.regulatedPersonalCare.default(false),
  categories: ProviderFields.shape.categories.default([]),
});
export type ProviderProfile = z.infer<typeof ProviderProfile>;
/** Kind is fixed at registration: a change of kind is a new registration, with new checks. */
export const ProviderPatch = ProviderFields.omit({ kind: true }).partial();
export type ProviderPatch = z.infer<typeof ProviderPatch>;

/**
 * The facts a council verified a provider on. A change to any of them after a check means the
 * check no longer covers the provider as it now is.
 */
export const MaterialChange = z.enum([
  /** Who the provider says it is. */
  'name',
  'evidence.cqcRegistrationId',
  'evidence.dbsCheck',
  'evidence.publicLiabilityInsurance',
  'evidence.safeguardingTrainingOn',
  /** Now says it does regulated personal care. */
  'regulatedPersonalCare',
  /** Now offers a category that is regulated (personal care). */
  'regulatedCategories',
  /** Moved its base, or now travels further. */
  'serviceArea',
]);
export type MaterialChange = z.infer<typeof MaterialChange>;

/** The stored provider record; parsed on the way out of the database. */
export const ProviderRecord = ProviderProfile.extend({
  providerId: Id,
  ownerUserId: Id,
  status: ProviderStatus,
  statusReason: z.string().optional(),
  /**
   * What changed in the facts a council checked since it last verified this provider, for the
   * care manager who checks again. Absent for a provider nobody has checked yet, and cleared when
   * someone verifies it.
   */
  changedSinceCheck: z.array(MaterialChange).optional(),
  /** District (outward code) and centre of the service area, resolved when saved. */
  outcode: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  /** The provider's account on the payment rail, once they have onboarded. */
  payouts: z
    .object({
      railAccountId: z.string(),
      payoutsEnabled: z.boolean(),
      /**
       * When the rail created the last `account.updated` applied (ISO). Webhooks arrive in any order;
       * an event older than this is skipped so it cannot undo a newer one.
       */
      railUpdatedAt: z.string().optional(),
    })
    .optional(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int().min(1),
});
export type ProviderRecord = z.infer<typeof ProviderRecord>;

/**
 * Rules a profile must keep whatever route wrote it. Returns every problem at once so a person can
 * fix them together.
 */
export function profileProblems(profile: ProviderProfile): DomainError[] {
  const problems: DomainError[] = [];
  if (profile.kind === 'micro_enterprise' && (profile.workers === undefined || profile.workers > 8)) {
    problems.push(
      invalid('workers', 'A micro-enterprise has between 1 and 8 workers: give the number of workers'),
    );
  }
  if (profile.kind === 'personal_assistant' && profile.workers !== undefined && profile.workers !== 1) {
    problems.push(
      invalid('workers', 'A self-employed personal assistant is one worker: use workers 1 or leave it out'),
    );
  }
  if (profile.kind === 'broker' && profile.broker === undefined) {
    problems.push(invalid('broker', 'A broker must disclose their fee and any interest in a provider'));
  }
  if (profile.kind !== 'broker' && profile.broker !== undefined) {
    problems.push(
      invalid('broker', 'Only brokers give a broker disclosure: remove it or choose kind broker'),
    );
  }
  if (profile.regulatedPersonalCare && profile.evidence.cqcRegistrationId === undefined) {
    problems.push(
      invalid(
        'evidence.cqcRegistrationId',
        'Regulated personal care needs a CQC registration id, like 1-123456789',
      ),
    );
  }
  return problems;
}

/** JSON with keys in a fixed order and no undefined values, so equal facts compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

const sameText = (a: string, b: string) =>
  a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();

const regulatedCategories: ReadonlySet<string> = new Set(
  categories.filter((c) => c.regulated).map((c) => c.code),
);

/**
 * Which of the facts a council verified differ between two versions of a profile. Pure, so the
 * rule can be read and tested on its own. Only changes that widen or replace what was checked
 * count: a new name, any change to evidence (even "better" evidence is unchecked until someone
 * looks), starting regulated care, a new regulated category, a move or a wider radius. Dropping a
 * category, a narrower radius, a new description or phone number do not.
 */
export function materialChanges(
  before: Pick<ProviderProfile, 'name' | 'evidence' | 'regulatedPersonalCare' | 'categories' | 'serviceArea'>,
  after: Pick<ProviderProfile, 'name' | 'evidence' | 'regulatedPersonalCare' | 'categories' | 'serviceArea'>,
): MaterialChange[] {
  const changes: MaterialChange[] = [];
  if (!sameText(before.name, after.name)) changes.push('name');
  for (const field of [
    'cqcRegistrationId',
    'dbsCheck',
    'publicLiabilityInsurance',
    'safeguardingTrainingOn',
  ] as const) {
    if (canonical(before.evidence[field]) !== canonical(after.evidence[field]))
      changes.push(`evidence.${field}`);
  }
  if (after.regulatedPersonalCare && !before.regulatedPersonalCare) changes.push('regulatedPersonalCare');
  if (after.categories.some((c) => regulatedCategories.has(c) && !before.categories.includes(c))) {
    changes.push('regulatedCategories');
  }
  const postcode = (p: string) => p.replace(/\s+/g, '').toUpperCase();
  if (
    postcode(before.serviceArea.postcode) !== postcode(after.serviceArea.postcode) ||
    after.serviceArea.radiusKm > before.serviceArea.radiusKm
  ) {
    changes.push('serviceArea');
  }
  return changes;
}

/**
 * A verified provider that changes what it was verified on goes back to pending until someone
 * checks again: its listings stay up (labelled), new spending is refused by the spend check and
 * payouts wait. Pending and suspended providers stay as they are.
 */
export function statusAfterChange(
  status: ProviderStatus,
  changes: readonly MaterialChange[],
): ProviderStatus {
  return status === 'verified' && changes.length > 0 ? 'pending' : status;
}

const transitions: Record<ProviderStatus, ProviderStatus[]> = {
  pending: ['verified', 'suspended'],
  verified: ['suspended'],
  suspended: ['verified'],
};

/** Verification is a council decision with a reason; a no-op or a jump back to pending is refused. */
export function nextProviderStatus(current: ProviderStatus, wanted: ProviderStatus): ProviderStatus {
  if (!transitions[current].includes(wanted)) {
    throw conflict('invalid_transition', `A ${current} provider cannot be marked ${wanted}.`);
  }
  return wanted;
}

/** Only verified providers can be paid; others may list but are labelled. */
export function canBePaid(status: ProviderStatus): boolean {
  return status === 'verified';
}
