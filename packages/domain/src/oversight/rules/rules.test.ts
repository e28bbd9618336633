import { describe, expect, it } from 'vitest';
import { alertFromDraft } from '../model.ts';
import { effectiveAlertThresholds, defaultAlertThresholds as t } from '../thresholds.ts';
import { autoConfirmAbsentHolder } from './auto-confirm-absent-holder.ts';
import { brokerSteering } from './broker-steering.ts';
import { delegateLinkedProvider } from './delegate-linked-provider.ts';
import { dormantAccountPayment } from './dormant-account-payment.ts';
import { duplicateInvoice, type InvoiceFact, normaliseReference } from './duplicate-invoice.ts';
import { firstPaymentNewProvider } from './first-payment-new-provider.ts';
import { type PaymentFact, providerConcentration } from './provider-concentration.ts';
import { providerHolderSurge } from './provider-holder-surge.ts';
import { providerMaterialChange } from './provider-material-change.ts';
import { spendPace } from './spend-pace.ts';

const at = '2026-09-01T10:00:00.000Z';
const daysAgo = (days: number, from = at) => new Date(Date.parse(from) - days * 86_400_000).toISOString();
const person = { councilId: 'north-dales', personId: 'per_jean', personName: 'Jean', transferId: 'trf_1' };

describe('many new holders for one provider', () => {
  const holders = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      personId: `per_${i}`,
      at: daysAgo(i % 7),
      transferId: `t${i}`,
      amountPence: 1_000,
    }));
  const facts = (n: number) => ({
    councilId: 'north-dales',
    providerId: 'prv_x',
    providerName: 'Quick Care',
    at,
    newHolders: holders(n),
  });

  it('fires when a provider gains the threshold of new holders in the window', () => {
    const alert = providerHolderSurge(facts(t.newHoldersPerProvider), t);
    expect(alert?.rule).toBe('provider_holder_surge');
    expect(alert?.figures.newHolders).toBe(20);
    expect(alert?.summary).toContain('20 holders');
    expect(alert?.links.personIds).toHaveLength(20);
  });
  it('stays quiet one holder under the threshold', () => {
    expect(providerHolderSurge(facts(t.newHoldersPerProvider - 1), t)).toBeUndefined();
  });
});

describe('payments from a dormant account', () => {
  const base = { ...person, amountPence: 40_000, at, providerId: 'prv_x', providerName: 'New Co' };
  it('fires when nothing left the account for the dormant days', () => {
    const alert = dormantAccountPayment({ ...base, lastOutgoingAt: daysAgo(t.dormantDays) }, t);
    expect(alert?.figures.idleDays).toBe(180);
    expect(alert?.summary).toContain('£400');
  });
  it('fires for an old account nothing ever left', () => {
    expect(dormantAccountPayment({ ...base, openedAt: daysAgo(400) }, t)?.summary).toContain(
      'nothing had ever left',
    );
  });
  it('stays quiet a day short of dormant', () => {
    expect(dormantAccountPayment({ ...base, lastOutgoingAt: daysAgo(t.dormantDays - 1) }, t)).toBeUndefined();
  });
});

describe('a delegate who books and confirms for a linked provider', () => {
  const base = {
    ...person,
    providerId: 'prv_own',
    providerName: 'Helen’s Help',
    delegateUserId: 'usr_helen',
    bookedBy: 'usr_helen',
    amountPence: 5_000,
  } as const;
  it('fires when the delegate owns the provider', () => {
    expect(delegateLinkedProvider({ ...base, link: 'owner' })?.summary).toContain('a provider they own');
  });
  it('fires for a declared interest', () => {
    expect(delegateLinkedProvider({ ...base, link: 'declared_interest' })?.rule).toBe(
      'delegate_linked_provider',
    );
  });
  it('stays quiet when someone else booked it, or there is no link', () => {
    expect(delegateLinkedProvider({ ...base, link: 'owner', bookedBy: 'usr_jean' })).toBeUndefined();
    expect(delegateLinkedProvider({ ...base, link: undefined })).toBeUndefined();
  });
});

describe('spend far above the plan’s pace', () => {
  const base = {
    ...person,
    planId: 'pln_1',
    planYearStart: '2026-04-01',
    yearlyPlanPence: 365_000,
    at: '2026-05-30T10:00:00.000Z',
  };
  // 60 days in: an even pace is £600; twice that is £1,200, and £600 ahead is over £500.
  it('fires at twice the pace and enough ahead', () => {
    const alert = spendPace({ ...base, spentPence: 120_000 }, t);
    expect(alert?.figures.expectedPence).toBe(60_000);
    expect(alert?.figures.pacePercent).toBe(200);
  });
  it('stays quiet just under twice the pace', () => {
    expect(spendPace({ ...base, spentPence: 119_999 }, t)).toBeUndefined();
  });
  it('stays quiet at twice the pace when less than the minimum ahead', () => {
    expect(spendPace({ ...base, yearlyPlanPence: 36_500, spentPence: 12_000 }, t)).toBeUndefined();
  });
});

describe('duplicate or near-duplicate invoices', () => {
  const invoice = (over: Partial<InvoiceFact>): InvoiceFact => ({
    orderId: 'inv_1',
    transferId: 'invoice-inv_1',
    councilId: 'north-dales',
    personId: 'per_jean',
    providerId: 'prv_x',
    reference: 'INV/077',
    amountPence: 12_000,
    at,
    ...over,
  });
  it('treats references that differ only in case, punctuation and leading zeros as the same', () => {
    expect(normaliseReference('INV/077')).toBe(normaliseReference('inv 77'));
    expect(normaliseReference('INV-77')).not.toBe(normaliseReference('INV-78'));
  });
  it('fires for the same reference billed to another holder', () => {
    const other = invoice({ orderId: 'inv_2', personId: 'per_frank', reference: 'inv 77' });
    const alert = duplicateInvoice(
      { invoice: invoice({}), providerName: 'X', sameReference: [other], samePerson: [] },
      t,
    );
    expect(alert?.figures.holders).toBe(2);
  });
  it('fires for the same amount to the same holder within the days', () => {
    const other = invoice({ orderId: 'inv_2', reference: 'INV-100', at: daysAgo(t.nearDuplicateDays - 1) });
    expect(
      duplicateInvoice({ invoice: invoice({}), providerName: 'X', sameReference: [], samePerson: [other] }, t)
        ?.rule,
    ).toBe('duplicate_invoice');
  });
  it('stays quiet for a weekly timesheet of the same amount', () => {
    const other = invoice({ orderId: 'inv_2', reference: 'INV-100', at: daysAgo(t.nearDuplicateDays) });
    expect(
      duplicateInvoice(
        { invoice: invoice({}), providerName: 'X', sameReference: [], samePerson: [other] },
        t,
      ),
    ).toBeUndefined();
  });
});

const payment = (over: Partial<PaymentFact>): PaymentFact => ({
  transferId: `t${Math.random()}`,
  providerId: 'prv_x',
  amountPence: 60_000,
  at,
  confirmedBy: 'person',
  ...over,
});

describe('payments concentrated on one provider', () => {
  const providers = new Map([
    ['prv_x', { name: 'Big Co', kind: 'organisation' }],
    ['prv_y', { name: 'Small', kind: 'micro_enterprise' }],
    ['prv_pa', { name: 'PA', kind: 'personal_assistant' }],
  ]);
  it('fires when one provider takes the threshold share', () => {
    const payments = [
      ...Array.from({ length: 4 }, () => payment({ amountPence: 67_500 })),
      payment({ providerId: 'prv_y', amountPence: 30_000 }),
    ];
    expect(providerConcentration({ ...person, payments, providers }, t)?.figures.percent).toBe(90);
  });
  it('stays quiet just under the share', () => {
    const payments = [
      ...Array.from({ length: 4 }, () => payment({ amountPence: 67_400 })),
      payment({ providerId: 'prv_y', amountPence: 30_000 }),
    ];
    expect(providerConcentration({ ...person, payments, providers }, t)).toBeUndefined();
  });
  it('stays quiet for a personal assistant, whom a holder pays alone by design', () => {
    const payments = Array.from({ length: 5 }, () => payment({ providerId: 'prv_pa' }));
    expect(providerConcentration({ ...person, payments, providers }, t)).toBeUndefined();
  });
});

describe('a broker steering people to a provider they declared an interest in', () => {
  const bookings = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ personId: `per_${i}`, transferId: `t${i}`, at }));
  const base = {
    councilId: 'north-dales',
    brokerUserId: 'usr_gareth',
    providerId: 'prv_x',
    providerName: 'X',
    interest: 'My sister runs it',
  };
  it('fires at the threshold of different people', () => {
    expect(brokerSteering({ ...base, bookings: bookings(t.brokerSteeringHolders) }, t)?.figures.holders).toBe(
      3,
    );
  });
  it('stays quiet one person short', () => {
    expect(brokerSteering({ ...base, bookings: bookings(t.brokerSteeringHolders - 1) }, t)).toBeUndefined();
  });
});

describe('the first payment to a new provider above the council’s amount', () => {
  const base = { ...person, providerId: 'prv_x', providerName: 'X', firstPayment: true };
  it('fires above the amount', () => {
    expect(firstPaymentNewProvider({ ...base, amountPence: t.firstPaymentAbovePence + 1 }, t)?.rule).toBe(
      'first_payment_new_provider',
    );
  });
  it('stays quiet at the amount, or when the provider was paid before', () => {
    expect(firstPaymentNewProvider({ ...base, amountPence: t.firstPaymentAbovePence }, t)).toBeUndefined();
    expect(firstPaymentNewProvider({ ...base, amountPence: 90_000, firstPayment: false }, t)).toBeUndefined();
  });
});

describe('a provider’s material change after verification', () => {
  const base = {
    councilId: 'north-dales',
    providerId: 'prv_x',
    providerName: 'X',
    status: 'pending',
    personId: 'per_jean',
    transferId: 't',
    amountPence: 100,
  };
  it('fires when checked facts changed since the check', () => {
    expect(
      providerMaterialChange({ ...base, changedSinceCheck: ['name', 'evidence.dbsCheck'] })?.summary,
    ).toContain('its DBS check');
  });
  it('stays quiet when nothing changed', () => {
    expect(providerMaterialChange({ ...base, changedSinceCheck: [] })).toBeUndefined();
  });
});

describe('deliveries confirmed only by auto-confirm for a holder not signed in', () => {
  const auto = [payment({ confirmedBy: 'auto' }), payment({ confirmedBy: 'auto' })];
  it('fires after the absent days with enough auto-confirmed payments', () => {
    expect(
      autoConfirmAbsentHolder({ ...person, at, lastSeenAt: daysAgo(t.absentDays), payments: auto }, t)
        ?.figures.payments,
    ).toBe(2);
  });
  it('stays quiet a day short of absent, or with one payment fewer', () => {
    expect(
      autoConfirmAbsentHolder({ ...person, at, lastSeenAt: daysAgo(t.absentDays - 1), payments: auto }, t),
    ).toBeUndefined();
    expect(
      autoConfirmAbsentHolder({ ...person, at, lastSeenAt: daysAgo(200), payments: auto.slice(1) }, t),
    ).toBeUndefined();
  });
  it('stays quiet when a person confirmed any payment in that time', () => {
    const mixed = [...auto, payment({ confirmedBy: 'person' })];
    expect(
      autoConfirmAbsentHolder({ ...person, at, lastSeenAt: daysAgo(200), payments: mixed }, t),
    ).toBeUndefined();
  });
});

describe('thresholds and situations', () => {
  it('fills in defaults for what a council left out', () => {
    expect(effectiveAlertThresholds({ settings: { alerts: { dormantDays: 30 } } })).toEqual({
      ...t,
      dormantDays: 30,
    });
    expect(effectiveAlertThresholds(undefined)).toEqual(t);
  });
  it('gives the same situation the same alert id', () => {
    const draft = firstPaymentNewProvider(
      { ...person, providerId: 'p', providerName: 'P', firstPayment: true, amountPence: 90_000 },
      t,
    );
    if (!draft) throw new Error('expected an alert');
    expect(alertFromDraft(draft, at, 'x').alertId).toBe(
      alertFromDraft({ ...draft, summary: 'other words' }, daysAgo(1), 'y').alertId,
    );
  });
});
