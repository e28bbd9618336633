import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@carepool/db';
import type { PersonRecord } from '@carepool/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessDepositQueue } from '../../functions/src/jobs/deposit-queues.ts';
import { processDepositBatch } from '../../functions/src/jobs/deposit-worker.ts';
import { runJob } from '../../functions/src/jobs/run-job.ts';
import { shiftableClock } from '../support/clock.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';

type Json = Record<string, unknown>;
const asJson = (body: unknown) => body as Json;
const dayMs = 86_400_000;

const clock = shiftableClock();
let api: TestApi;
let careManager: string;

beforeAll(async () => {
  api = await startTestApi({ clock });
  careManager = await api.tokenFor({
    userId: 'usr_callum',
    roles: ['care_manager'],
    councilId: 'wolds-and-vale',
  });
  // The first run gives the council's existing people their due items; the tests start after it.
  await runJob('deposits', api.runtime.deps);
});
afterAll(async () => api?.close());

const day = (offsetDays = 0) =>
  new Date(clock.now().getTime() + offsetDays * dayMs).toISOString().slice(0, 10);

async function setBudget(personId: string, planYearStart: string) {
  const budget = await api.call('PUT', `/v1/people/${personId}/budget`, {
    token: careManager,
    body: {
      allocationPence: 1_300_000,
      fundingSources: [{ source: 'council_social_care', amountPence: 1_300_000 }],
      deployment: 'managed_account',
      planYearStart,
    },
  });
  expect(budget.status, JSON.stringify(budget.body)).toBe(200);
}

/** A Wolds and Vale holder with a managed account whose plan year starts on `planYearStart`. */
async function holder(name: string, planYearStart: string) {
  const person = await api.call('POST', '/v1/people', {
    token: careManager,
    body: { name, dateOfBirth: '1950-01-01', postcode: 'YO17 7LX' },
  });
  expect(person.status, JSON.stringify(person.body)).toBe(201);
  const personId = String(asJson(person.body).personId);
  await setBudget(personId, planYearStart);
  return personId;
}

async function balance(personId: string) {
  const account = await api.call('GET', `/v1/people/${personId}/account`, { token: careManager });
  return Number(asJson(account.body).balancePence);
}

async function dueItem(personId: string) {
  const { Item } = await api.db.send(
    new GetCommand({ TableName: api.tableName, Key: keys.depositDue(personId) }),
  );
  return Item;
}

const queue = () => api.runtime.deps.deposits.queue as InProcessDepositQueue;

/** The messages one run of the job delivered (the in-process queue keeps every delivery). */
async function runDeposits() {
  const before = queue().deliveries.length;
  const outcomesBefore = queue().outcomes.length;
  await runJob('deposits', api.runtime.deps);
  return {
    delivered: queue()
      .deliveries.slice(before)
      .map((m) => m.personId),
    outcomes: queue().outcomes.slice(outcomesBefore),
  };
}

describe('the deposits due index', () => {
  it('reads only the people due: a plan year not started yet is not read, a period paid is not read again', async () => {
    const due = await holder('Due Today', day(0));
    const later = await holder('Starts Later', day(40));
    const first = await runDeposits();
    expect(first.delivered).toContain(due);
    expect(first.delivered).not.toContain(later);
    expect(await balance(due)).toBe(100_000);
    // The same day again: the period is paid and the person's next deposit is 28 days away.
    const second = await runDeposits();
    expect(second.delivered).not.toContain(due);
    expect(second.delivered).not.toContain(later);
    expect(await balance(due)).toBe(100_000);
  });

  it('moves the due date on after each deposit, so the person is due again four weeks later', async () => {
    const personId = await holder('Every Four Weeks', day(0));
    await runDeposits();
    expect(await dueItem(personId)).toMatchObject({ dueOn: day(28), gsi2sk: `${day(28)}#${personId}` });
    clock.advance(27 * dayMs);
    expect((await runDeposits()).delivered).not.toContain(personId);
    clock.advance(1 * dayMs);
    const run = await runDeposits();
    expect(run.delivered).toContain(personId);
    expect(run.outcomes.filter((o) => o.personId === personId).map((o) => o.outcome)).toEqual(['posted']);
    expect(await balance(personId)).toBe(200_000);
    expect(await dueItem(personId)).toMatchObject({ dueOn: day(28) });
  });

  it('moves the due item when the budget changes, in the same write', async () => {
    const personId = await holder('Schedule Changes', day(10));
    expect(await dueItem(personId)).toMatchObject({ dueOn: day(10), planYearStart: day(10) });
    await setBudget(personId, day(0));
    expect(await dueItem(personId)).toMatchObject({ dueOn: day(0), planYearStart: day(0) });
    const run = await runDeposits();
    expect(run.delivered).toContain(personId);
    expect(await balance(personId)).toBe(100_000);
    // A direct payment is not the council's to deposit into: out of the index.
    const changed = await api.call('PUT', `/v1/people/${personId}/budget`, {
      token: careManager,
      body: {
        allocationPence: 1_300_000,
        fundingSources: [{ source: 'council_social_care', amountPence: 1_300_000 }],
        deployment: 'direct_payment',
        planYearStart: day(0),
      },
    });
    expect(changed.status).toBe(200);
    expect(await dueItem(personId)).toBeUndefined();
  });

  it('counts a period paid before as already posted, not posted', async () => {
    const personId = await holder('Paid Twice', day(0));
    await runDeposits();
    // Setting the same budget again makes the person due today again: the run finds it paid.
    await setBudget(personId, day(0));
    const run = await runDeposits();
    expect(run.outcomes.filter((o) => o.personId === personId).map((o) => o.outcome)).toEqual([
      'alreadyPosted',
    ]);
    expect(await balance(personId)).toBe(100_000);
    expect(await dueItem(personId)).toMatchObject({ dueOn: day(28) });
  });

  it('retries only the person whose deposit failed, and posts both', async () => {
    const failing = await holder('Fails Once', day(0));
    const fine = await holder('Goes Through', day(0));
    const deps = api.runtime.deps;
    let failures = 0;
    // The first read of one person's record fails (a lost connection, say); everything else works.
    const people = Object.assign(Object.create(deps.peopleStore), {
      getPerson: async (id: string): Promise<PersonRecord | undefined> => {
        if (id === failing && failures === 0) {
          failures += 1;
          throw new Error('Connection lost');
        }
        return deps.peopleStore.getPerson(id);
      },
    });
    const local = new InProcessDepositQueue((event, tally) =>
      processDepositBatch(event, { ...deps.money, people, schedule: deps.deposits.schedule }, tally),
    );
    await runJob('deposits', { ...deps, deposits: { ...deps.deposits, queue: local } });
    const deliveries = local.deliveries.map((m) => m.personId);
    expect(deliveries.filter((id) => id === failing)).toHaveLength(2);
    expect(deliveries.filter((id) => id === fine)).toHaveLength(1);
    expect(local.deadLetters).toEqual([]);
    expect(await balance(failing)).toBe(100_000);
    expect(await balance(fine)).toBe(100_000);
  });
});
