/**
 * Outcome surveys (DESIGN 3.8): the holder, or a delegate who helps with the plan, answers eight
 * questions once per review period (the plan now in force); answers are checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftableClock } from '../support/clock.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';
import { fundedHolder } from '../support/world.ts';

type Json = Record<string, unknown>;
let api: TestApi;
const clock = shiftableClock();

const domains = [
  'health_and_wellbeing',
  'time_with_people_you_like',
  'quality_of_life',
  'community_participation',
  'feeling_safe',
  'choice_and_control',
  'dignity',
  'economic_wellbeing',
];
const answers = (answer = 'better') => Object.fromEntries(domains.map((d) => [d, { answer }]));

beforeAll(async () => {
  api = await startTestApi({ clock });
});
afterAll(async () => api?.close());

const path = (personId: string) => `/v1/people/${personId}/outcome-surveys`;

describe('outcome surveys', () => {
  it('takes one survey per review period and says when the next is due', async () => {
    const holder = await fundedHolder(api);
    const before = await api.call('GET', path(holder.personId), { token: holder.tokens.holder });
    expect(before.body).toMatchObject({ due: true, items: [], reviewPeriod: { planId: holder.planId } });

    const given = await api.call('POST', path(holder.personId), {
      token: holder.tokens.holder,
      body: { answers: { ...answers(), dignity: { answer: 'worse', comment: 'Carers keep changing' } } },
    });
    expect(given.status, JSON.stringify(given.body)).toBe(201);
    expect(given.body).toMatchObject({ reviewPeriod: holder.planId, deployment: 'managed_account' });

    const again = await api.call('POST', path(holder.personId), {
      token: holder.tokens.holder,
      body: { answers: answers('same') },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'survey_already_given' });

    const after = (await api.call('GET', path(holder.personId), { token: holder.tokens.priya })).body as Json;
    expect(after.due).toBe(false);
    expect(after.items).toHaveLength(1);
    expect((after.items as Json[])[0]).toMatchObject({
      answers: { dignity: { answer: 'worse', comment: 'Carers keep changing' } },
    });
  });

  it('lets a delegate with plan:write give it, but not one who may only read the plan', async () => {
    const holder = await fundedHolder(api);
    for (const [userId, scopes] of [
      ['usr_survey_reader', ['plan:read']],
      ['usr_survey_writer', ['plan:write']],
    ] as const) {
      await holder.call('POST', `/v1/people/${holder.personId}/delegations`, holder.tokens.holder, {
        userId,
        kind: 'representative',
        name: userId,
        scopes,
      });
    }
    const reader = await api.tokenFor({ userId: 'usr_survey_reader', roles: ['representative'] });
    const writer = await api.tokenFor({ userId: 'usr_survey_writer', roles: ['representative'] });
    const refused = await api.call('POST', path(holder.personId), {
      token: reader,
      body: { answers: answers() },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'delegate_scope_missing' });
    expect((await api.call('GET', path(holder.personId), { token: reader })).status).toBe(200);

    const given = await api.call('POST', path(holder.personId), {
      token: writer,
      body: { answers: answers() },
    });
    expect(given.status, JSON.stringify(given.body)).toBe(201);
    expect(given.body).toMatchObject({ submittedBy: 'usr_survey_writer' });
    const trail = await api.call('GET', `/v1/audit/person/${holder.personId}`, {
      token: holder.tokens.priya,
    });
    const actions = ((trail.body as Json).records as Json[]).map((r) => r.action);
    expect(actions).toContain('outcome_survey.submitted');
    // The audit trail says a survey was given, not what it said.
    expect(JSON.stringify(trail.body)).not.toContain('better');
  });

  it('checks every answer', async () => {
    const holder = await fundedHolder(api);
    const { dignity, ...missingOne } = answers();
    const missing = await api.call('POST', path(holder.personId), {
      token: holder.tokens.holder,
      body: { answers: missingOne },
    });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('answers.dignity');
    const wrong = await api.call('POST', path(holder.personId), {
      token: holder.tokens.holder,
      body: { answers: { ...answers(), feeling_safe: { answer: 'great' } } },
    });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('Choose better, same or worse');
    const long = await api.call('POST', path(holder.personId), {
      token: holder.tokens.holder,
      body: { answers: { ...answers(), feeling_safe: { answer: 'same', comment: 'x'.repeat(501) } } },
    });
    expect(long.status).toBe(400);
    expect(
      (await api.call('GET', path(holder.personId), { token: holder.tokens.holder })).body,
    ).toMatchObject({ items: [] });
  });

  it('is not due before a plan is approved', async () => {
    const holder = await fundedHolder(api);
    const person = await holder.call('POST', '/v1/people', holder.tokens.priya, {
      name: 'Not Yet Planned',
      dateOfBirth: '1970-02-02',
      postcode: 'HG1 2AB',
    });
    const personId = String(person.personId);
    const token = await api.tokenFor({
      userId: 'usr_unplanned',
      roles: ['holder'],
      councilId: 'north-dales',
      personId,
    });
    expect((await api.call('GET', path(personId), { token })).body).toMatchObject({
      due: false,
      reviewPeriod: null,
    });
    const refused = await api.call('POST', path(personId), { token, body: { answers: answers() } });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'no_review_period' });
  });

  it("is a 404 for staff of another council and for someone else's holder", async () => {
    const holder = await fundedHolder(api);
    const stranger = await fundedHolder(api);
    const other = await api.tokenFor({
      userId: 'usr_wv_cm2',
      roles: ['care_manager'],
      councilId: 'wolds-and-vale',
    });
    expect((await api.call('GET', path(holder.personId), { token: other })).status).toBe(404);
    const response = await api.call('POST', path(holder.personId), {
      token: stranger.tokens.holder,
      body: { answers: answers() },
    });
    expect(response.status).toBe(404);
  });
});
