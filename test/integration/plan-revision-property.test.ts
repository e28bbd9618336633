/**
 * Property: random sequences of bookings, cancellations, plan revisions (caps raised or lowered,
 * lines added or dropped) and stale drafts never let a plan line take more than its cap. Every
 * booking is answered as a model of the rules says it should be, and the ledger's line counter
 * always equals what the model has committed, across any number of plan versions.
 *
 * Runs through the HTTP API on DynamoDB Local. PLAN_PROPERTY_RUNS raises the number of runs
 * (default 12, so `npm test` stays quick; try 200 by hand).
 */
import { DynamoLedger } from '@carepool/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkingGroupAnyDay } from '../support/fixtures.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';
import { fundedHolder, planYear } from '../support/world.ts';

type Json = Record<string, unknown>;
const asJson = (body: unknown) => body as Json;

let api: TestApi;
let ledger: DynamoLedger;
const price = 1_000;

beforeAll(async () => {
  api = await startTestApi();
  ledger = new DynamoLedger(api.db, api.tableName, { now: () => new Date() });
});
afterAll(async () => api?.close());

const step = fc.oneof(
  fc.record({
    kind: fc.constant('book' as const),
    line: fc.nat(5),
    quantity: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ kind: fc.constant('cancel' as const), which: fc.nat(20) }),
  fc.record({
    kind: fc.constant('revise' as const),
    caps: fc.array(fc.record({ keep: fc.boolean(), cap: fc.integer({ min: 1, max: 8 }) }), {
      minLength: 4,
      maxLength: 4,
    }),
    addCap: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('stale' as const) }),
);

describe('plan revisions never let a line take more than its cap (property)', () => {
  it('answers every booking as the model says and keeps the ledger’s line counters equal to it', async () => {
    const runs = Number(process.env.PLAN_PROPERTY_RUNS ?? 12);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(step, { minLength: 1, maxLength: 10 }),
        async (firstCap, steps) => {
          const w = await fundedHolder(api, {
            lines: [{ category: 'day_and_community', capPence: firstCap * price, period: 'year' }],
            listing: { ...walkingGroupAnyDay, pricePence: price, councilRatePence: price, groupTiers: [] },
            fundPence: 1_000_000,
          });
          const call = (method: string, path: string, body?: unknown, token = w.tokens.holder) =>
            api.call(method, path, { token, ...(body === undefined ? {} : { body }) });

          // The model: the plan in force (line id → cap), what is committed on every line ever
          // seen, and the bookings still reserved.
          let inForce = w.planId;
          const caps = new Map<string, number>([[w.lineId, firstCap * price]]);
          const seen = [w.lineId];
          const committed = new Map<string, number>([[w.lineId, 0]]);
          const open: Array<{ orderId: string; lineId: string; amount: number }> = [];
          let day = 1;

          const linesFor = (kept: Array<{ lineId: string; cap: number }>, addCap?: number) => [
            ...kept.map(({ lineId, cap }) => ({
              lineId,
              category: 'day_and_community',
              capPence: cap,
              period: 'year',
            })),
            ...(addCap ? [{ category: 'day_and_community', capPence: addCap * price, period: 'year' }] : []),
          ];
          const draftFrom = async (lines: unknown[]) => {
            const draft = await call('POST', `/v1/plans/${inForce}/revise`);
            expect(draft.status, JSON.stringify(draft.body)).toBe(201);
            const draftId = String(asJson(draft.body).planId);
            const put = await call('PUT', `/v1/plans/${draftId}`, {
              outcomes: { whatMatters: 'Getting out' },
              ...planYear,
              lines,
            });
            expect(put.status, JSON.stringify(put.body)).toBe(200);
            return draftId;
          };

          for (const s of steps) {
            if (s.kind === 'book') {
              const lineId = seen[s.line % seen.length] ?? w.lineId;
              const amount = s.quantity * price;
              const cap = caps.get(lineId);
              const fits = cap !== undefined && (committed.get(lineId) ?? 0) + amount <= cap;
              day += 1;
              const booked = await call('POST', '/v1/orders', {
                personId: w.personId,
                listingId: w.listingId,
                lineId,
                quantity: s.quantity,
                scheduledFor: `2027-01-${String(day).padStart(2, '0')}T10:00:00Z`,
              });
              expect(booked.status, JSON.stringify(booked.body)).toBe(fits ? 201 : 422);
              if (fits) {
                const order = (asJson(booked.body).orders as Json[])[0] as Json;
                open.push({ orderId: String(order.orderId), lineId, amount });
                committed.set(lineId, (committed.get(lineId) ?? 0) + amount);
              }
            } else if (s.kind === 'cancel' && open.length) {
              const [order] = open.splice(s.which % open.length, 1);
              if (!order) continue;
              const cancelled = await call('POST', `/v1/orders/${order.orderId}/cancel`, {});
              expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
              committed.set(order.lineId, (committed.get(order.lineId) ?? 0) - order.amount);
            } else if (s.kind === 'revise') {
              const current = [...caps.keys()];
              let kept = current
                .map((lineId, i) => ({ lineId, ...(s.caps[i] ?? { keep: true, cap: 1 }) }))
                .filter((l) => l.keep)
                .map((l) => ({ lineId: l.lineId, cap: l.cap * price }));
              if (!kept.length && !s.addCap) kept = [{ lineId: current[0] ?? w.lineId, cap: price }];
              const draftId = await draftFrom(linesFor(kept, s.addCap));
              // A draft that names no line ids has its lines matched to the plan's by category, so
              // the one new line carries on the first line of the plan in force.
              if (!kept.length && s.addCap)
                kept = [{ lineId: current[0] ?? w.lineId, cap: s.addCap * price }];
              const dropsReserved = current.some(
                (id) => !kept.some((k) => k.lineId === id) && (committed.get(id) ?? 0) > 0,
              );
              const submitted = await call('POST', `/v1/plans/${draftId}/submit`);
              if (dropsReserved) {
                expect(submitted.status, JSON.stringify(submitted.body)).toBe(409);
                expect(asJson(submitted.body).code).toBe('line_has_reservations');
                continue;
              }
              expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
              const approved = await call('POST', `/v1/plans/${draftId}/approve`, {}, w.tokens.sam);
              expect(approved.status, JSON.stringify(approved.body)).toBe(200);
              inForce = draftId;
              caps.clear();
              for (const line of asJson(approved.body).lines as Array<{ lineId: string; capPence: number }>) {
                caps.set(line.lineId, line.capPence);
                if (!seen.includes(line.lineId)) seen.push(line.lineId);
                if (!committed.has(line.lineId)) committed.set(line.lineId, 0);
              }
              for (const { lineId } of kept) expect(caps.has(lineId)).toBe(true);
            } else if (s.kind === 'stale') {
              // A draft made now, overtaken by another approved revision, can no longer be approved.
              const same = [...caps].map(([lineId, cap]) => ({ lineId, cap }));
              const old = await draftFrom(linesFor(same));
              const newer = await draftFrom(linesFor(same));
              expect((await call('POST', `/v1/plans/${newer}/submit`)).status).toBe(200);
              expect((await call('POST', `/v1/plans/${newer}/approve`, {}, w.tokens.sam)).status).toBe(200);
              inForce = newer;
              const stale = await call('POST', `/v1/plans/${old}/submit`);
              expect(stale.status).toBe(409);
              expect(asJson(stale.body).code).toBe('stale_revision');
            }
            // The ledger's own counter for every line ever seen equals the model's.
            for (const lineId of seen) {
              const usage = await ledger.lineUsage(w.personId, lineId, 'plan-year');
              expect(usage.committedPence).toBe(committed.get(lineId) ?? 0);
            }
          }
          const person = asJson((await call('GET', `/v1/people/${w.personId}`)).body);
          expect(person.currentPlanId).toBe(inForce);
        },
      ),
      { numRuns: runs },
    );
  }, 900_000);
});
