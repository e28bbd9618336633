/**
 * Registering as a provider, a task at a time: the answers so far (kept in this tab until sent,
 * so a person can leave a task and come back), what each task checks, and the registration body
 * they make. A one-person business answers four short tasks instead of one long page.
 */
import type { Category, ProviderKind } from '@carepool/domain';
import { useCallback, useState } from 'react';
import { type BodyOf, checkBody } from '../../../api/client.ts';
import type { DateParts } from '../../../lib/dates.ts';
import { parsePounds } from '../../../lib/money.ts';
import { issuesFromFields, type SummaryIssue, withoutRepeats } from '../../../lib/problems.ts';
import { emptyDate, optionalDate } from '../form-helpers.ts';
import { readServiceArea, readWorkers } from '../profile-fields.tsx';

export type TaskId = 'about' | 'area' | 'offer' | 'evidence';

export interface RegistrationDraft {
  kind: string;
  fee: string;
  name: string;
  description: string;
  workers: string;
  postcode: string;
  radius: string;
  email: string;
  phone: string;
  offers: string[];
  regulated: boolean;
  cqc: string;
  dbs: string;
  dbsDate: DateParts;
  insurer: string;
  cover: string;
  insuranceDate: DateParts;
  safeguardingDate: DateParts;
  /** Tasks saved without a problem. */
  done: TaskId[];
}

export const emptyDraft: RegistrationDraft = {
  kind: '',
  fee: '',
  name: '',
  description: '',
  workers: '',
  postcode: '',
  radius: '6',
  email: '',
  phone: '',
  offers: [],
  regulated: false,
  cqc: '',
  dbs: 'none',
  dbsDate: emptyDate,
  insurer: '',
  cover: '',
  insuranceDate: emptyDate,
  safeguardingDate: emptyDate,
  done: [],
};

export const tasks: Array<{ id: TaskId; title: string }> = [
  { id: 'about', title: 'About your business' },
  { id: 'area', title: 'Where you work and how people contact you' },
  { id: 'offer', title: 'What support you offer' },
  { id: 'evidence', title: 'Your checks and insurance' },
];

const storageKey = 'carepool.provider-registration';

function readDraft(): RegistrationDraft {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null');
    return stored && typeof stored === 'object'
      ? { ...emptyDraft, ...(stored as Partial<RegistrationDraft>) }
      : emptyDraft;
  } catch {
    return emptyDraft;
  }
}

/** The answers so far, kept in this tab (sessionStorage) until the registration is sent. */
export function useRegistrationDraft() {
  const [draft, setDraft] = useState(readDraft);
  const save = useCallback((next: RegistrationDraft) => {
    sessionStorage.setItem(storageKey, JSON.stringify(next));
    setDraft(next);
  }, []);
  const clear = useCallback(() => {
    sessionStorage.removeItem(storageKey);
    setDraft(emptyDraft);
  }, []);
  return { draft, save, clear };
}

export const providerFields = (field: string): string | undefined => {
  const known: Record<string, string> = {
    kind: 'kind',
    name: 'name',
    description: 'description',
    workers: 'workers',
    'serviceArea.postcode': 'postcode',
    'serviceArea.radiusKm': 'radius',
    'contact.email': 'email',
    'contact.phone': 'phone',
    'contact.website': 'website',
    'evidence.cqcRegistrationId': 'cqc',
    'evidence.dbsCheck.level': 'dbs',
    'evidence.dbsCheck.checkedOn': 'dbsDate',
    'evidence.publicLiabilityInsurance.insurer': 'insurer',
    'evidence.publicLiabilityInsurance.coverPence': 'cover',
    'evidence.publicLiabilityInsurance.expiresOn': 'insuranceDate',
    'evidence.safeguardingTrainingOn': 'safeguardingDate',
    categories: 'categories',
    broker: 'fee',
    'broker.fee.basisPoints': 'fee',
  };
  return known[field] ?? (field.startsWith('broker') ? 'fee' : undefined);
};

/** Which task asks each question, so a problem the API finds sends the person to the right task. */
export const taskOfField: Record<string, TaskId> = {
  kind: 'about',
  fee: 'about',
  name: 'about',
  description: 'about',
  workers: 'about',
  postcode: 'area',
  radius: 'area',
  email: 'area',
  phone: 'area',
  website: 'area',
  categories: 'offer',
  cqc: 'evidence',
  dbs: 'evidence',
  dbsDate: 'evidence',
  insurer: 'evidence',
  cover: 'evidence',
  insuranceDate: 'evidence',
  safeguardingDate: 'evidence',
};

/** Builds the registration from the answers, with every problem found: the page's words, then the schema's. */
export function registrationOf(draft: RegistrationDraft): {
  body: BodyOf<'registerProvider'>;
  issues: SummaryIssue[];
} {
  const found: SummaryIssue[] = [];
  if (!draft.kind) found.push({ fieldId: 'kind', message: 'Choose what kind of provider you are' });
  if (!draft.name.trim()) found.push({ fieldId: 'name', message: 'Enter the name people will see' });
  const workerCount = readWorkers(found, draft.kind, draft.workers);
  const feePercent = draft.fee.trim() ? Number(draft.fee) : undefined;
  if (draft.kind === 'broker' && (feePercent === undefined || !Number.isFinite(feePercent) || feePercent < 0))
    found.push({ fieldId: 'fee', message: 'Enter your fee as a percentage of the budget, like 7.5' });
  const serviceArea = readServiceArea(found, draft.postcode, draft.radius);
  if (!draft.email.trim()) found.push({ fieldId: 'email', message: 'Enter your email address' });
  const coverPence = draft.cover.trim() ? parsePounds(draft.cover, { label: 'the cover' }) : undefined;
  if (coverPence && !coverPence.ok) found.push({ fieldId: 'cover', message: coverPence.message });
  const dbsOn = optionalDate(draft.dbsDate, 'dbsDate', 'the date of the DBS check', found);
  const insuranceUntil = optionalDate(
    draft.insuranceDate,
    'insuranceDate',
    'the date the insurance ends',
    found,
  );
  const safeguardingOn = optionalDate(
    draft.safeguardingDate,
    'safeguardingDate',
    'the date of the training',
    found,
  );
  const body: BodyOf<'registerProvider'> = {
    kind: draft.kind as ProviderKind,
    name: draft.name.trim(),
    description: draft.description.trim(),
    ...(workerCount !== undefined ? { workers: workerCount } : {}),
    serviceArea,
    contact: { email: draft.email.trim(), ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}) },
    evidence: {
      ...(draft.cqc.trim() ? { cqcRegistrationId: draft.cqc.trim() } : {}),
      dbsCheck: { level: draft.dbs as 'none', ...(dbsOn ? { checkedOn: dbsOn } : {}) },
      ...(draft.insurer.trim() || coverPence || insuranceUntil
        ? {
            publicLiabilityInsurance: {
              insurer: draft.insurer.trim(),
              coverPence: coverPence?.ok ? coverPence.pence : 0,
              expiresOn: insuranceUntil ?? '',
            },
          }
        : {}),
      ...(safeguardingOn ? { safeguardingTrainingOn: safeguardingOn } : {}),
    },
    regulatedPersonalCare: draft.regulated,
    categories: draft.offers as Category[],
    ...(draft.kind === 'broker' && feePercent !== undefined
      ? { broker: { fee: { kind: 'percent', basisPoints: Math.round(feePercent * 100) }, interests: [] } }
      : {}),
  };
  if (draft.regulated && !draft.cqc.trim())
    found.push({
      fieldId: 'cqc',
      message: 'Regulated personal care needs a CQC registration number, like 1-123456789',
    });
  found.push(...withoutRepeats(found, issuesFromFields(checkBody('registerProvider', body), providerFields)));
  return { body, issues: found };
}

/** The problems one task's questions have (the whole registration is checked again at the end). */
export function taskIssues(draft: RegistrationDraft, task: TaskId): SummaryIssue[] {
  return registrationOf(draft).issues.filter((issue) => issue.fieldId && taskOfField[issue.fieldId] === task);
}
