import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from './static.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'carepool-web-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Carepool</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  server = createServer((request, response) => {
    void serveStatic(root, new URL(request.url ?? '/', 'http://x').pathname, response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('serving the web app', () => {
  it('answers the app’s pages with 200 and the page itself', async () => {
    for (const path of ['/', '/orders/ord_0cBq-UXNcKgyEZ6F', '/find-support/results', '/assets/app.js']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(200);
    }
  });

  it('answers an address the app does not know with 404, and still the app (its "Page not found")', async () => {
    for (const path of ['/no-such-page', '/orders/ord_1/nonsense', '/%E0%A4%A']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toContain('<title>Carepool</title>');
    }
  });
});
