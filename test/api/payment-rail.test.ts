import { request as httpRequest } from 'node:http';
import { DynamoSimulatedRailStore } from '@carepool/db';
import { SimulatedRail } from '@carepool/payments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftableClock } from '../support/clock.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';
import { fundedHolder } from '../support/world.ts';

type Json = Record<string, unknown>;
const asJson = (body: unknown) => body as Json;
let api: TestApi;
let rail: SimulatedRail;
const clock = shiftableClock();

beforeAll(async () => {
  api = await startTestApi({ clock });
  if (!(api.runtime.deps.rail instanceof SimulatedRail)) throw new Error('tests expect the simulated rail');
  rail = api.runtime.deps.rail;
});
afterAll(async () => api?.close());

async function webhook(rawBody: string, signature: string) {
  return api.call('POST', '/v1/webhooks/stripe', {
    body: rawBody,
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
  });
}

async function balance(personId: string, token: string) {
  return Number(
    asJson((await api.call('GET', `/v1/people/${personId}/account`, { token })).body).balancePence,
  );
}

const topUp = (personId: string, token: string, topUpId: string, amountPence: number) =>
  api.call('POST', `/v1/people/${personId}/top-ups`, { token, body: { topUpId, amountPence } });

describe('webhook de-duplication', () => {
  it('processes exactly one of 20 parallel deliveries of the same event', async () => {
    const world = await fundedHolder(api, { fundPence: 0 });
    const started = asJson((await topUp(world.personId, world.tokens.holder, 'tu-par', 1_500)).body);
    const paid = rail.completeCheckout(String(started.sessionId));
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => webhook(paid.rawBody, paid.signature)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(responses.filter((r) => asJson(r.body).duplicate === false)).toHaveLength(1);
    expect(await balance(world.personId, world.tokens.holder)).toBe(1_500);
  });

  it('applies account.updated by the event’s own time: an older event delivered late changes nothing', async () => {
    const world = await fundedHolder(api);
    const started = await api.call('POST', `/v1/providers/${world.providerId}/payouts/onboarding`, {
      token: world.tokens.provider,
    });
    const railAccountId = String(asJson(started.body).railAccountId);
    const older = rail.updateAccount(railAccountId, { payoutsEnabled: true });
    clock.advance(60_000);
    const newer = rail.updateAccount(railAccountId, { payoutsEnabled: false });
    expect((await webhook(newer.rawBody, newer.signature)).status).toBe(200);
    expect((await webhook(older.rawBody, older.signature)).status).toBe(200);
    const after = await api.call('POST', `/v1/providers/${world.providerId}/payouts/onboarding`, {
      token: world.tokens.provider,
    });
    expect(after.body).toMatchObject({ railAccountId, payoutsEnabled: false });

    // A genuinely newer event still applies.
    clock.advance(60_000);
    const newest = rail.updateAccount(railAccountId, { payoutsEnabled: true });
    expect((await webhook(newest.rawBody, newest.signature)).status).toBe(200);
    const last = await api.call('POST', `/v1/providers/${world.providerId}/payouts/onboarding`, {
      token: world.tokens.provider,
    });
    expect(last.body).toMatchObject({ payoutsEnabled: true });
  });
});

describe('top-up ids', () => {
  it('a retry of an unfinished top-up gets the same checkout back', async () => {
    const world = await fundedHolder(api, { fundPence: 0 });
    const first = await topUp(world.personId, world.tokens.holder, 'tu-retry', 2_000);
    const again = await topUp(world.personId, world.tokens.holder, 'tu-retry', 2_000);
    expect(again.status).toBe(first.status);
    expect(asJson(again.body).sessionId).toBe(asJson(first.body).sessionId);
  });

  it('refuses a top-up id reused for a finished or different top-up (409), before any card is charged', async () => {
    const world = await fundedHolder(api, { fundPence: 0 });
    const { holder } = world.tokens;
    const started = asJson((await topUp(world.personId, holder, 'tu-reuse', 2_500)).body);
    const paid = rail.completeCheckout(String(started.sessionId));
    expect((await webhook(paid.rawBody, paid.signature)).status).toBe(200);
    expect(await balance(world.personId, holder)).toBe(2_500);

    // Stripe forgets the idempotency key after 24 hours; the id must still not start a new charge.
    clock.advance(25 * 3600 * 1000);
    const checkoutsBefore = rail.checkouts().length;
    const sameAgain = await topUp(world.personId, holder, 'tu-reuse', 2_500);
    expect(sameAgain.status).toBe(409);
    expect(asJson(sameAgain.body).code).toBe('top_up_id_reused');
    const different = await topUp(world.personId, holder, 'tu-reuse', 9_000);
    expect(different.status).toBe(409);
    expect(asJson(different.body).code).toBe('top_up_id_reused');
    expect(rail.checkouts()).toHaveLength(checkoutsBefore);
    expect(await balance(world.personId, holder)).toBe(2_500);
  });
});

describe('the simulated rail', () => {
  it('keeps its transfers in the table: a new rail on the same table still knows them', async () => {
    const payout = {
      ledgerTransferId: 'payout-restart-1',
      accountId: 'sim_acct_elsewhere',
      amountPence: 4_200,
      transferGroup: 'order-restart-1',
      description: 'Restart test',
    };
    const since = new Date(clock.now().getTime() - 1_000);
    const { railTransferId } = await rail.payout(payout);

    const restarted = new SimulatedRail({
      clock,
      store: new DynamoSimulatedRailStore(api.db, api.tableName),
    });
    expect(await restarted.listTransfers({ since })).toContainEqual(
      expect.objectContaining({ ledgerTransferId: 'payout-restart-1', railTransferId, amountPence: 4_200 }),
    );
    // Idempotent across the restart: the same ledger transfer is not sent twice.
    expect(await restarted.payout(payout)).toEqual({ railTransferId });
    expect(
      (await restarted.listTransfers({ since })).filter((t) => t.ledgerTransferId === 'payout-restart-1'),
    ).toHaveLength(1);
    expect(restarted.sent()).toHaveLength(0);
  });

  it('posts its webhook to the configured public address, whatever Host the browser sent', async () => {
    const world = await fundedHolder(api, { fundPence: 0 });
    const started = asJson((await topUp(world.personId, world.tokens.holder, 'tu-host', 1_200)).body);
    const url = new URL(`${api.runtime.url}/simulated-checkout/${String(started.sessionId)}`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { host: 'attacker.invalid:9', 'content-length': '0' },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(303);
    expect(await balance(world.personId, world.tokens.holder)).toBe(1_200);
  });
});
