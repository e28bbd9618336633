import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The human-readable API reference: Redoc's standalone bundle, served from node_modules (the
 * machine may be offline, so no CDN), rendering the same /v1/openapi.json every client uses.
 */
const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Carepool API reference</title>
<style>body { margin: 0; }</style></head>
<body>
<redoc spec-url="/v1/openapi.json" hide-download-button="false" path-in-middle-panel="true"></redoc>
<script src="/docs/redoc.standalone.js"></script>
</body></html>`;

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
