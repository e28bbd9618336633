import { type AlertRecord, AlertRule } from '@carepool/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTable, type TestTable } from '../../../../test/support/dynamo.ts';
import { generateSigningKey } from '../jwt.ts';
import { type Runtime, startRuntime } from '../runtime.ts';
import { generateDemoData } from './demo-data.ts';
import { ordinaryAlertRate, type PlantedCase, plantedCast, seedPlantedPatterns } from './planted-patterns.ts';

/**
 * The demo seed as `npm start` makes it, with the alert rules running over every seeded money
 * event (the local stand-in for the table's stream is on the seed's client), then the nightly run.
 */
const data = generateDemoData({});
let table: TestTable;
let runtime: Runtime;
let cases: PlantedCase[];
let alerts: AlertRecord[];

async function allAlerts(councilId: string): Promise<AlertRecord[]> {
  const found: AlertRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await runtime.deps.alerts.store.list(
      councilId,
      {},
      { limit: 100, ...(cursor ? { cursor } : {}) },
    );
    found.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

beforeAll(async () => {
  table = await createTestTable();
  runtime = await startRuntime({
    endpoint: table.endpoint,
    tableName: table.tableName,
    signingKey: await generateSigningKey(),
    port: 0,
    seed: 'demo',
    handlers: 'in-process',
  });
  // Already planted: this answers the cases the seed recorded, and plants nothing twice.
  cases = await seedPlantedPatterns(table.db, table.tableName, data, { now: new Date() });
  const nightly = await fetch(`${runtime.url}/v1/dev/jobs/alerts`, { method: 'POST' });
  expect(nightly.status).toBe(200);
  alerts = [...(await allAlerts('north-dales')), ...(await allAlerts('wolds-and-vale'))];
}, 300_000);
afterAll(async () => {
  await runtime?.close();
  table?.db.destroy();
});

describe('the alert patterns planted in the demo seed', () => {
  it('plants one case or more of every rule', () => {
    expect(new Set(cases.map((c) => c.rule))).toEqual(new Set(AlertRule.options));
  });

  it('raises each planted case as its alert, through the real rules', () => {
    for (const planted of cases) {
      const raised = alerts.filter(
        (a) =>
          a.rule === planted.rule &&
          a.councilId === planted.councilId &&
          // One alert per situation: a surge is raised once, naming the holders up to the threshold.
          a.links.personIds.length > 0 &&
          a.links.personIds.every((id) => planted.personIds.includes(id)) &&
          (planted.providerId === undefined || a.links.providerId === planted.providerId),
      );
      expect(raised.length, `${planted.rule}: ${planted.what}`).toBeGreaterThanOrEqual(1);
      expect(raised[0]?.summary.length).toBeGreaterThan(40);
    }
  });

  it('raises the forty-holder surge once, at the threshold, naming only the new holders', () => {
    const surge = plantedCast(data).surge;
    const raised = alerts.filter(
      (a) => a.rule === 'provider_holder_surge' && a.links.providerId === surge.provider.providerId,
    );
    expect(Math.max(...raised.map((a) => a.figures.newHolders ?? 0))).toBeGreaterThanOrEqual(20);
    expect(raised).toHaveLength(1);
    const surged = new Set(surge.people.map((p) => p.personId));
    expect(raised[0]?.links.personIds.every((id) => surged.has(id))).toBe(true);
  });

  it('raises alerts about under 1% of the ordinary seeded holders', () => {
    const rate = ordinaryAlertRate(alerts, cases, data.people);
    console.log(
      `False-alarm rate over ${rate.holders} ordinary seeded holders: ${rate.alerted} alerted (${rate.percent.toFixed(2)}%)`,
      rate.byRule,
    );
    expect(rate.holders).toBeGreaterThan(1000);
    expect(rate.percent).toBeLessThan(1);
  });
});
