import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { matchWebPath } from '@carepool/contracts/web-paths';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** A plain page for when the web app has not been built: says where the API is. */
const placeholder = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Carepool (local)</title></head>
<body><main>
<h1>Carepool is running locally</h1>
<p>The API is at <a href="/v1/openapi.json">/v1/openapi.json</a> (OpenAPI document).</p>
<p>Try a search: <a href="/v1/listings?near=HG1&amp;radiusKm=10">support near HG1</a>.</p>
<p>Demo users you can sign in as: <a href="/v1/dev/users">/v1/dev/users</a>.</p>
</main></body></html>`;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the built single-page app. Paths that are not files get index.html so client-side routes
 * work: with 200 for a page the app has, and 404 for one it does not (the app shows "Page not found").
 */
export async function serveStatic(webRoot: string, urlPath: string, response: ServerResponse): Promise<void> {
  const root = resolve(webRoot);
  let decoded: string | undefined;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    // A malformed %-escape names no file: the app's own not-found page answers, not a 500.
    decoded = undefined;
  }
  const wanted = decoded === undefined ? root : normalize(join(root, decoded));
  const inside = decoded !== undefined && wanted.startsWith(root + sep);
  const isAsset = inside && (await isFile(wanted));
  let file = isAsset ? wanted : join(root, 'index.html');
  const status = isAsset || (decoded !== undefined && matchWebPath(decoded)) ? 200 : 404;
  if (!(await isFile(file))) {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...securityHeaders });
    response.end(placeholder);
    return;
  }
  if (file.endsWith(sep)) file = join(file, 'index.html');
  response.writeHead(status, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'cache-control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...securityHeaders,
  });
  createReadStream(file).pipe(response);
}
