/**
 * The CloudFront Function that routes the web app's addresses, run as CloudFront runs it: the
 * generated code alone, in a fresh context (node:vm), with nothing from this process in scope.
 */
import { runInNewContext } from 'node:vm';
import { webPaths } from '@carepool/contracts';
import { describe, expect, it } from 'vitest';
import { appSecurityHeaders, plainNotFoundPage, spaRoutingFunctionCode } from '../src/web-hosting.ts';

interface Answer {
  uri?: string;
  statusCode?: number;
  headers?: Record<string, { value: string }>;
  body?: string;
}

const shell =
  '<!doctype html><div id="root"></div><script type="module" src="/assets/index-abc.js"></script>';

function routerOf(code: string): (uri: string) => Answer {
  const context: { handler?: (event: { request: { uri: string } }) => Answer } = {};
  runInNewContext(code, context);
  const handler = context.handler;
  if (!handler) throw new Error('the function code defines no handler');
  return (uri) => handler({ request: { uri } });
}

describe('the web routing CloudFront Function', () => {
  const route = routerOf(spaRoutingFunctionCode(shell));

  it('sends every page of the app to the app shell, with its parameters filled in', () => {
    for (const page of [
      '/',
      '/find-support',
      '/find-support/results',
      '/orders/ord_x',
      '/orders/ord_0cBq-UXNcKgyEZ6F/',
      '/people/per_1/plan',
      '/requests/req_1/quotes/quo_2/accept',
      '/provider/register/about',
      '/audit/order/ord_1',
    ])
      expect(route(page), page).toEqual({ uri: '/index.html' });
  });

  it('knows every path of the shared list', () => {
    for (const path of webPaths) {
      const uri = path.replace(/:[A-Za-z]+/g, 'x_1');
      expect(route(uri).uri, uri).toBe('/index.html');
    }
  });

  it('leaves files alone, and serves the API reference at /docs/', () => {
    for (const file of [
      '/index.html',
      '/assets/index-abc123.js',
      '/assets/govuk-crest-BDYUTSC1.svg',
      '/robots.txt',
    ])
      expect(route(file), file).toEqual({ uri: file });
    expect(route('/docs/')).toEqual({ uri: '/docs/index.html' });
    expect(route('/docs/redoc.standalone.js')).toEqual({ uri: '/docs/redoc.standalone.js' });
    expect(route('/docs')).toMatchObject({ statusCode: 301, headers: { location: { value: '/docs/' } } });
  });

  it('answers an address the app does not know with 404 and the app shell, which says "Page not found"', () => {
    for (const unknown of [
      '/nowhere',
      '/orders',
      '/orders/ord_x/unknown',
      '/people/per_1/plan/extra',
      '/docs/unknown',
      '/v2',
      '/find-supportx',
    ]) {
      const answer = route(unknown);
      expect(answer, unknown).toMatchObject({
        statusCode: 404,
        body: shell,
        headers: { 'content-type': { value: 'text/html; charset=utf-8' } },
      });
      expect(answer.uri, unknown).toBeUndefined();
    }
  });

  it('puts the security headers on the 404 it makes itself (no cache or origin response for the policy to change)', () => {
    const answer = route('/nowhere');
    for (const [name, value] of Object.entries(appSecurityHeaders()))
      expect(answer.headers?.[name.toLowerCase()], name).toEqual({ value });
    expect(answer.headers?.['content-security-policy']?.value).toContain("default-src 'self'");
    expect(answer.headers?.['x-frame-options']).toEqual({ value: 'DENY' });
  });

  it('says "Page not found" itself when no build was deployed with the stack', () => {
    const plain = routerOf(spaRoutingFunctionCode())('/nowhere');
    expect(plain).toMatchObject({ statusCode: 404, body: plainNotFoundPage });
    expect(plain.body).toContain('Page not found');
  });

  it('fits within the size CloudFront allows a function (10 KB)', () => {
    expect(Buffer.byteLength(spaRoutingFunctionCode(shell))).toBeLessThan(10 * 1024);
  });
});
