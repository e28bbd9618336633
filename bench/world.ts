import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { councilItem, questionnaireItem, userItem } from '@carepool/db';
import type { Role } from '@carepool/domain';
import { importJWK, SignJWT } from 'jose';
import { localAudience, localIssuer, localTokenAlgorithm } from '../functions/src/dev/handlers.ts';
import { forgetCachedUser } from '../functions/src/http/active-users.ts';
import type { LocalSigningKey } from '../packages/local/src/jwt.ts';
import { demoCouncils } from '../packages/local/src/seed/councils.ts';
import { demoQuestionnaire } from '../packages/local/src/seed/questionnaire.ts';
import { microEnterprise, walkingGroup } from '../test/support/fixtures.ts';
import { callJson, type JsonResponse } from './http.ts';

type Json = Record<string, unknown>;

export const planYear = { startDate: '2026-04-01', endDate: '2027-03-31' };

export interface BenchUser {
  userId: string;
  roles: Role[];
  councilId?: string;
  personId?: string;
}

/** The local runtime seen as a client: tokens like Cognito's, JSON over HTTP on 127.0.0.1. */
export interface BenchApi {
  url: string;
  tokenFor(user: BenchUser): Promise<string>;
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<JsonResponse>;
}

export interface BenchTable {
  db: DynamoDBDocumentClient;
  tableName: string;
}

/**
 * The demo councils and their questionnaires, as the operator would have created them: councils are
 * data, and the API refuses people in a council it does not know.
 */
export async function writeBenchCouncils(table: BenchTable): Promise<void> {
  const at = '2026-01-01T00:00:00.000Z';
  for (const { councilId, name, districts } of demoCouncils) {
    await table.db.send(
      new PutCommand({ TableName: table.tableName, Item: questionnaireItem(demoQuestionnaire(councilId)) }),
    );
    await table.db.send(
      new PutCommand({
        TableName: table.tableName,
        Item: councilItem({
          councilId,
          name,
          districts: districts.map(([outcode]) => outcode),
          fundingSchedule: { everyDays: 28 },
          settings: {},
          createdAt: at,
          createdBy: 'usr_platform_bootstrap',
          updatedAt: at,
          version: 1,
        }),
      }),
    );
  }
}

/**
 * Tokens like Cognito's for the local runtime. The API reads each caller's record from the table
 * on every request, so a token is given only after the user's record is written, as an invitation
 * would have.
 */
export function benchApi(url: string, signingKey: LocalSigningKey, table: BenchTable): BenchApi {
  const key = importJWK(signingKey.privateJwk, localTokenAlgorithm);
  return {
    url,
    tokenFor: async (user) => {
      await table.db.send(
        new PutCommand({
          TableName: table.tableName,
          Item: userItem({
            userId: user.userId,
            name: user.userId,
            roles: user.roles,
            ...(user.councilId ? { councilId: user.councilId } : {}),
            ...(user.personId ? { personId: user.personId } : {}),
            status: 'active',
          }),
        }),
      );
      forgetCachedUser(user.userId);
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        name: user.userId,
        'cognito:groups': user.roles,
        ...(user.councilId ? { 'custom:councilId': user.councilId } : {}),
        ...(user.personId ? { 'custom:personId': user.personId } : {}),
      })
        .setProtectedHeader({ alg: localTokenAlgorithm, kid: signingKey.privateJwk.kid ?? 'bench' })
        .setSubject(user.userId)
        .setIssuer(localIssuer)
        .setAudience(localAudience)
        .setIssuedAt(now)
        .setExpirationTime(now + 4 * 3600)
        .sign(await key);
    },
    call: (method, path, options) => callJson(url, method, path, options),
  };
}

/**
 * A funded budget holder with an approved plan, a verified provider of their own and a listing,
 * built through the API exactly as test/support/world.ts builds one (without vitest's expect).
 * Every step must succeed, or the benchmark stops with the API's answer.
 */
export async function fundedHolder(
  api: BenchApi,
  options: { label: string; allocationPence: number; fundPence: number; lines: Json[] },
) {
  const { label } = options;
  const priya = await api.tokenFor({
    userId: 'usr_priya',
    roles: ['care_manager'],
    councilId: 'north-dales',
  });
  const sam = await api.tokenFor({ userId: 'usr_sam', roles: ['care_manager'], councilId: 'north-dales' });
  const finance = await api.tokenFor({ userId: 'usr_tom', roles: ['finance'], councilId: 'north-dales' });
  const providerToken = await api.tokenFor({ userId: `usr_prov_${label}`, roles: ['provider'] });
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await api.call(method, path, { token, ...(body === undefined ? {} : { body }) });
    if (response.status >= 300) {
      throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body as Json;
  };
  const provider = await call('POST', '/v1/providers', providerToken, {
    ...microEnterprise,
    name: `Provider ${label}`,
  });
  const providerId = String(provider.providerId);
  await call('POST', `/v1/providers/${providerId}/verify`, priya, {
    status: 'verified',
    reason: 'Evidence seen',
  });
  const listing = await call('POST', `/v1/providers/${providerId}/listings`, providerToken, walkingGroup);
  const person = await call('POST', '/v1/people', priya, {
    name: `Holder ${label}`,
    dateOfBirth: '1950-05-05',
    postcode: 'HG1 2AB',
  });
  const personId = String(person.personId);
  await call('PUT', `/v1/people/${personId}/budget`, priya, {
    allocationPence: options.allocationPence,
    fundingSources: [{ source: 'council_social_care', amountPence: options.allocationPence }],
    deployment: 'managed_account',
    planYearStart: planYear.startDate,
  });
  const holder = await api.tokenFor({
    userId: `usr_holder_${label}`,
    roles: ['holder'],
    councilId: 'north-dales',
    personId,
  });
  const plan = await call('POST', `/v1/people/${personId}/plans`, holder, {
    outcomes: { whatMatters: 'Getting out with friends' },
    ...planYear,
    lines: options.lines,
  });
  await call('POST', `/v1/plans/${plan.planId}/submit`, holder);
  const approved = await call('POST', `/v1/plans/${plan.planId}/approve`, sam, {});
  const deposit = await call('POST', `/v1/people/${personId}/funding`, finance, {
    transferId: `fund-${label}`,
    amountPence: options.fundPence,
    reference: 'First deposit',
  });
  // A deposit above the council's approval amount waits for a second finance user; until then the
  // holder has nothing to spend, and every booking would be a 422.
  if (deposit.status === 'pending_approval') {
    const secondFinance = await api.tokenFor({
      userId: 'usr_tara',
      roles: ['finance'],
      councilId: 'north-dales',
    });
    await call('POST', `/v1/deposits/${String(deposit.depositId)}/approve`, secondFinance, {});
  }
  const lines = approved.lines as Array<{ lineId: string; category: string; period: string }>;
  return {
    label,
    personId,
    providerId,
    listingId: String(listing.listingId),
    planId: String(plan.planId),
    lineId: lines[0]?.lineId ?? '',
    /** The plan's line ids by period ('year', 'month'…). */
    lineByPeriod: Object.fromEntries(lines.map((l) => [l.period, l.lineId])) as Record<string, string>,
    tokens: { holder, provider: providerToken, priya, sam, finance },
  };
}

export type FundedHolder = Awaited<ReturnType<typeof fundedHolder>>;
