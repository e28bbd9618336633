import { createReadStream, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The human-readable API reference: Redoc's standalone bundle, served from node_modules (the
 * machine may be offline, so no CDN), rendering the same /v1/openapi.json every client uses. The
 * page is the web app's own web/public/docs/index.html, which the deployed site serves too.
 */
const page = readFileSync(
  fileURLToPath(new URL('../../../web/public/docs/index.html', import.meta.url)),
  'utf8',
);

const bundle = join(
  dirname(createRequire(import.meta.url).resolve('redoc/package.json')),
  'bundles',
  'redoc.standalone.js',
);

/** Answers /docs and its script; false for any other path. */
export function serveApiReference(path: string, response: ServerResponse): boolean {
  if (path === '/docs' || path === '/docs/') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    response.end(page);
    return true;
  }
  if (path === '/docs/redoc.standalone.js') {
    response.writeHead(200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    });
    createReadStream(bundle).pipe(response);
    return true;
  }
  return false;
}
