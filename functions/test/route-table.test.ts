import { buildOpenApi, problemCodes, routeDocs, routeKey } from '@carepool/contracts';
import { describe, expect, it } from 'vitest';
import { accountHandlers } from '../src/accounts/handlers.ts';
import { devHandlers } from '../src/dev/handlers.ts';
import { directoryHandlers } from '../src/directory/handlers.ts';
import { groupHandlers } from '../src/groups/handlers.ts';
import { identityHandlers } from '../src/identity/handlers.ts';
import { orderHandlers } from '../src/orders/handlers.ts';
import { oversightHandlers } from '../src/oversight/handlers.ts';
import { peopleHandlers } from '../src/people/handlers.ts';
import { platformHandlers } from '../src/platform/handlers.ts';
import { routeList, routes } from '../src/routes.ts';
import { webhookHandlers } from '../src/webhooks/handlers.ts';

const implementations: Record<string, Record<string, unknown>> = {
  platform: platformHandlers,
  directory: directoryHandlers,
  people: peopleHandlers,
  orders: orderHandlers,
  accounts: accountHandlers,
  webhooks: webhookHandlers,
  groups: groupHandlers,
  identity: identityHandlers,
  oversight: oversightHandlers,
  dev: devHandlers,
};

describe('the route table', () => {
  it('has one route per method and path', () => {
    const keys = routeList.map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('has an implementation for every route, in the function the route names, and no stray ones', () => {
    for (const route of routeList) {
      expect(implementations[route.function]?.[route.id], `${route.id} in ${route.function}`).toBeTypeOf(
        'function',
      );
    }
    const implemented = Object.entries(implementations).flatMap(([fn, handlers]) =>
      Object.keys(handlers).map((id) => `${fn}:${id}`),
    );
    expect(implemented.sort()).toEqual(routeList.map((r) => `${r.function}:${r.id}`).sort());
  });

  it('agrees with the OpenAPI document, route for route', () => {
    const documented = (includeLocalOnly: boolean) => {
      const doc = buildOpenApi(routes, { includeLocalOnly, version: 'test' }) as {
        paths: Record<string, Record<string, { operationId: string }>>;
      };
      return Object.entries(doc.paths)
        .flatMap(([path, methods]) =>
          Object.entries(methods).map(([method, op]) => `${op.operationId} ${method.toUpperCase()} ${path}`),
        )
        .sort();
    };
    const expected = (includeLocalOnly: boolean) =>
      routeList
        .filter((r) => includeLocalOnly || !r.localOnly)
        .map((r) => `${r.id} ${routeKey(r)}`)
        .sort();
    expect(documented(true)).toEqual(expected(true));
    expect(documented(false)).toEqual(expected(false));
    expect(documented(false).some((line) => line.includes('/v1/dev/'))).toBe(false);
  });

  it('documents only operations that exist, with codes it can explain', () => {
    const ids = new Set<string>(routeList.map((r) => r.id));
    expect(Object.keys(routeDocs).filter((id) => !ids.has(id))).toEqual([]);
    const unexplained = Object.values(routeDocs)
      .flatMap((doc) => Object.values(doc.errors ?? {}).flat())
      .filter((code) => !problemCodes[code]);
    expect(unexplained).toEqual([]);
  });

  it('keeps every named schema in components/schemas, with no refs left pointing elsewhere', () => {
    const doc = buildOpenApi(routes, { includeLocalOnly: true, version: 'test' });
    const text = JSON.stringify(doc);
    expect(text).not.toContain('$defs');
    const refs = [...text.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1] ?? '');
    const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
    expect(refs.filter((ref) => !schemas[ref.replace('#/components/schemas/', '')])).toEqual([]);
    expect(refs.length).toBeGreaterThan(100);
  });

  it('requires a token on every route that changes something', () => {
    // Accepting an invitation comes before there is an account to sign in with: the secret code
    // from the link is the key instead (a wrong one is a 404, and each code works once).
    const keyedByCode = new Set(['acceptInvitation']);
    for (const route of routeList.filter(
      (r) => r.method !== 'GET' && !r.localOnly && !keyedByCode.has(r.id),
    )) {
      // A webhook cannot carry our token; it must carry the sender's signature instead.
      expect(['jwt', 'signature'], route.id).toContain(route.auth);
    }
    for (const id of keyedByCode) expect(routes[id as keyof typeof routes].body).toBeDefined();
  });
});
