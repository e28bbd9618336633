import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchWebPath, needsSignIn, webPaths } from './web-paths.ts';

const webSrc = join(import.meta.dirname, '../../../web/src');

/** Every `path: '…'` a route object in the web app names, with `${fooPath}` constants filled in. */
async function routerPaths(): Promise<string[]> {
  const files = (await readdir(webSrc, { recursive: true })).filter((f) => f.endsWith('.tsx'));
  const found: string[] = [];
  for (const file of files) {
    const text = await readFile(join(webSrc, file), 'utf8');
    const constants = Object.fromEntries(
      [...text.matchAll(/const (\w+Path) = '([^']+)'/g)].map((m) => [m[1], m[2]]),
    );
    for (const match of text.matchAll(/\{ path: (['`])([^'`]+)\1, element:/g)) {
      found.push((match[2] ?? '').replace(/\$\{(\w+)\}/g, (_, name: string) => constants[name] ?? name));
    }
    for (const match of text.matchAll(/\{ path: (\w+Path), element:/g))
      found.push(constants[match[1] ?? ''] ?? '');
  }
  return found.filter((path) => path !== '*');
}

describe('the web app’s paths, shared with the servers', () => {
  it('lists exactly the paths the web app’s router has', async () => {
    expect([...(await routerPaths())].sort()).toEqual([...webPaths].sort());
  });

  it('matches addresses to patterns, and knows nothing else', () => {
    expect(matchWebPath('/orders/ord_0cBq-UXNcKgyEZ6F')).toBe('/orders/:orderId');
    expect(matchWebPath('/people/per_1/statement/')).toBe('/people/:personId/statement');
    expect(matchWebPath('/no-such-page')).toBeUndefined();
    expect(matchWebPath('/orders/ord_1/nonsense')).toBeUndefined();
  });

  it('asks for sign-in only on pages that need it', () => {
    expect(needsSignIn('/people/per_1/statement')).toBe(true);
    expect(needsSignIn('/find-support/results')).toBe(false);
    expect(needsSignIn('/no-such-page')).toBe(false);
  });
});
