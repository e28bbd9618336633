import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTypesFile, apiTypesFrom } from '../support/api-types.ts';
import type { paths } from '../support/carepool-api.generated.ts';
import { microEnterprise, walkingGroup, walkingGroupAnyDay } from '../support/fixtures.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';
import { planYear } from '../support/world.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

let api: TestApi;
let served: Record<string, unknown>;
let dir: string;
let documentFile: string;

beforeAll(async () => {
  api = await startTestApi();
  const response = await fetch(`${api.runtime.url}/v1/openapi.json`);
  served = (await response.json()) as Record<string, unknown>;
  dir = mkdtempSync(join(tmpdir(), 'carepool-openapi-'));
  documentFile = join(dir, 'openapi.json');
  writeFileSync(documentFile, JSON.stringify(served, null, 2));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await api?.close();
});

describe('the OpenAPI document the API serves', () => {
  it('passes Redocly CLI lint with its recommended rules: no errors, no warnings', async () => {
    const report = join(dir, 'lint.json');
    const lint = await run(
      join(root, 'node_modules/.bin/redocly'),
      ['lint', documentFile, '--config', join(root, 'redocly.yaml'), '--format', 'json'],
      {
        cwd: root,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    ).catch((error: { stdout?: string; stderr?: string }) => ({
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }));
    writeFileSync(report, lint.stdout);
    const result = JSON.parse(lint.stdout) as {
      totals: { errors: number; warnings: number };
      problems: Array<{ ruleId: string; message: string; location: Array<{ pointer: string }> }>;
    };
    const problems = result.problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(problems).toEqual([]);
    expect(result.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('generates client types with openapi-typescript, and the committed ones are up to date', async () => {
    // The same generator the openapi-typescript CLI runs: it stops on the first unresolvable $ref.
    const fresh = await apiTypesFrom(served);
    expect(fresh).toContain('createOrder: {');
    expect(
      fresh === readFileSync(apiTypesFile, 'utf8'),
      'test/support/carepool-api.generated.ts is stale: run `npm run generate:api-types`',
    ).toBe(true);
  });
});

describe('the API reference page', () => {
  it('renders the served document with Redoc, from this server: no CDN', async () => {
    const page = await fetch(`${api.runtime.url}/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('spec-url="/v1/openapi.json"');
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(scripts).toEqual(['/docs/redoc.standalone.js']);
    const script = await fetch(`${api.runtime.url}${scripts[0]}`);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await script.text()).length).toBeGreaterThan(500_000);
  });
});

describe('a client generated from the document, driven by nobody who wrote the API', () => {
  it('registers a holder, sets a budget, approves a plan, deposits, books, delivers, confirms and reads the statement', async () => {
    const as = async (user: Parameters<TestApi['tokenFor']>[0]) =>
      createClient<paths>({
        baseUrl: api.runtime.url,
        headers: { authorization: `Bearer ${await api.tokenFor(user)}` },
      });
    const council = { councilId: 'north-dales' } as const;
    const priya = await as({ userId: 'usr_priya_oa', roles: ['care_manager'], ...council });
    const sam = await as({ userId: 'usr_sam_oa', roles: ['care_manager'], ...council });
    const finance = await as({ userId: 'usr_fin_oa', roles: ['finance'], ...council });
    const provider = await as({ userId: 'usr_prov_oa', roles: ['provider'] });

    const registered = await provider.POST('/v1/providers', {
      body: { ...microEnterprise, name: 'Client Walks' } as never,
    });
    expect(registered.response.status, JSON.stringify(registered.error)).toBe(201);
    const providerId = registered.data?.providerId ?? '';
    const verified = await priya.POST('/v1/providers/{id}/verify', {
      params: { path: { id: providerId } },
      body: { status: 'verified', reason: 'Evidence seen' },
    });
    expect(verified.data?.status ?? verified.error).toBe('verified');
    const listed = await provider.POST('/v1/providers/{id}/listings', {
      params: { path: { id: providerId } },
      body: walkingGroupAnyDay as never,
    });
    const listingId = listed.data?.listingId ?? '';
    expect(listingId, JSON.stringify(listed.error)).not.toBe('');

    // A care manager registers the holder and sets a budget.
    const person = await priya.POST('/v1/people', {
      body: { name: 'Casey Client', dateOfBirth: '1958-02-03', postcode: 'HG1 2AB' },
      headers: { 'Idempotency-Key': 'register-casey' },
    });
    const personId = person.data?.personId ?? '';
    expect(personId, JSON.stringify(person.error)).not.toBe('');
    const budget = await priya.PUT('/v1/people/{id}/budget', {
      params: { path: { id: personId } },
      body: {
        allocationPence: 1_000_000,
        fundingSources: [{ source: 'council_social_care', amountPence: 1_000_000 }],
        deployment: 'managed_account',
        planYearStart: planYear.startDate,
      },
    });
    expect(budget.data?.budget?.allocationPence, JSON.stringify(budget.error)).toBe(1_000_000);

    // The holder drafts and submits a plan; a second care manager approves it.
    const holder = await as({ userId: 'usr_casey', roles: ['holder'], personId, ...council });
    const drafted = await holder.POST('/v1/people/{id}/plans', {
      params: { path: { id: personId } },
      body: {
        outcomes: { whatMatters: 'Walking with friends' },
        ...planYear,
        lines: [{ category: 'day_and_community', capPence: 5_000, period: 'week' }],
      },
    });
    const planId = drafted.data?.planId ?? '';
    expect(planId, JSON.stringify(drafted.error)).not.toBe('');
    const submitted = await holder.POST('/v1/plans/{id}/submit', { params: { path: { id: planId } } });
    expect(submitted.data?.status, JSON.stringify(submitted.error)).toBe('submitted');
    const approved = await sam.POST('/v1/plans/{id}/approve', {
      params: { path: { id: planId } },
      body: { reason: 'Meets the assessed needs' },
    });
    expect(approved.data?.status, JSON.stringify(approved.error)).toBe('approved');
    const lineId = approved.data?.lines[0]?.lineId ?? '';

    // Finance deposits; a repeat of the same deposit changes nothing.
    for (let i = 0; i < 2; i++) {
      const deposit = await finance.POST('/v1/people/{id}/funding', {
        params: { path: { id: personId } },
        body: { transferId: 'casey-dec', amountPence: 50_000, reference: 'December' },
      });
      expect(deposit.data?.amountPence, JSON.stringify(deposit.error)).toBe(50_000);
    }

    // The holder books for today (delivery cannot be recorded before the booked date).
    const booked = await holder.POST('/v1/orders', {
      body: { personId, listingId, lineId, quantity: 1, scheduledFor: new Date().toISOString() },
    });
    expect(booked.response.status, JSON.stringify(booked.error)).toBe(201);
    const orderId = booked.data?.orders[0]?.orderId ?? '';

    // A refusal comes back typed, as a problem with a documented code.
    const offPlan = await holder.POST('/v1/orders', {
      body: {
        personId,
        listingId,
        lineId: 'no-such-line',
        quantity: 1,
        scheduledFor: new Date().toISOString(),
      },
    });
    expect(offPlan.response.status).toBe(422);
    expect(offPlan.error?.code).toBe('line_not_found');

    const accepted = await provider.POST('/v1/orders/{id}/accept', { params: { path: { id: orderId } } });
    expect(accepted.data?.status, JSON.stringify(accepted.error)).toBe('accepted');
    const delivered = await provider.POST('/v1/orders/{id}/deliver', {
      params: { path: { id: orderId } },
      body: { quantity: 1, notes: 'A good walk' },
    });
    expect(delivered.data?.status, JSON.stringify(delivered.error)).toBe('delivered');
    const confirmed = await holder.POST('/v1/orders/{id}/confirm', { params: { path: { id: orderId } } });
    expect(confirmed.data?.status, JSON.stringify(confirmed.error)).toBe('confirmed');

    const statement = await holder.GET('/v1/people/{id}/statement', {
      params: { path: { id: personId }, query: { from: planYear.startDate, to: planYear.endDate } },
    });
    // The document says the statement may also come as CSV, so the client has to tell them apart.
    const json = typeof statement.data === 'string' ? undefined : statement.data;
    expect(json?.closingBalancePence, JSON.stringify(statement.error)).toBe(50_000 - walkingGroup.pricePence);
    expect(json?.lines.map((l) => l.code)).toEqual(
      expect.arrayContaining(['council_deposit', 'order_payment']),
    );
  });
});
