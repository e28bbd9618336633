import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microEnterprise } from '../support/fixtures.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';
import { fundedHolder } from '../support/world.ts';

type Json = Record<string, unknown>;
const asJson = (body: unknown) => body as Json;
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

/** A raw fetch for the requests the JSON test client would not make (odd paths, HTML forms). */
const fetchRaw = (path: string, init: RequestInit = {}) =>
  fetch(`${api.runtime.url}${path}`, { redirect: 'manual', ...init });

describe('inputs that once answered 500', () => {
  it('answers a deeply nested JSON body sent with an Idempotency-Key as a client error, not a 500', async () => {
    const provider = await api.tokenFor({ userId: 'usr_deep_nest', roles: ['provider'] });
    const depth = 20_000;
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    // The provider form tolerates a field it does not know, so the nesting reached the idempotency hash.
    const body = JSON.stringify({ ...microEnterprise, name: 'Deep Nest' }).replace(
      /}$/,
      `,"extra":${nested}}`,
    );
    const response = await api.call('POST', '/v1/providers', {
      token: provider,
      body,
      headers: { 'idempotency-key': 'deep-nest-1' },
    });
    expect(response.status).toBe(400);
    expect(asJson(response.body).code).toBe('body_too_deep');
  });

  it('answers a malformed percent-encoding in the path with 400 invalid_path', async () => {
    const holder = await api.tokenFor({ userId: 'usr_nobody', roles: ['holder'], councilId: 'north-dales' });
    const response = await fetchRaw('/v1/people/%E0%A4%A', {
      headers: { authorization: `Bearer ${holder}` },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Json).code).toBe('invalid_path');
  });

  it('takes the second press of Pay on the simulated checkout back to the app, paying once', async () => {
    const world = await fundedHolder(api, { fundPence: 0 });
    const started = asJson(
      (
        await api.call('POST', `/v1/people/${world.personId}/top-ups`, {
          token: world.tokens.holder,
          body: { topUpId: 'tu-twice', amountPence: 1_500 },
        })
      ).body,
    );
    const checkoutPath = `/simulated-checkout/${String(started.sessionId)}`;
    const first = await fetchRaw(checkoutPath, { method: 'POST' });
    expect(first.status).toBe(303);
    const second = await fetchRaw(checkoutPath, { method: 'POST' });
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    const account = await api.call('GET', `/v1/people/${world.personId}/account`, {
      token: world.tokens.holder,
    });
    expect(asJson(account.body).balancePence).toBe(1_500);
  });

  it('shows a 404 page for an unknown simulated onboarding id, on viewing and on finishing', async () => {
    const viewed = await fetchRaw('/simulated-onboarding/acct_does_not_exist');
    expect(viewed.status).toBe(404);
    expect(await viewed.text()).toContain('We cannot find that account');
    const finished = await fetchRaw('/simulated-onboarding/acct_does_not_exist', { method: 'POST' });
    expect(finished.status).toBe(404);
    expect(await finished.text()).toContain('We cannot find that account');
  });
});
