import { Agent, request } from 'node:http';

/** Keep-alive connections, as a browser or autocannon would hold them. */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export interface JsonResponse {
  status: number;
  body: unknown;
}

/**
 * One JSON request over plain HTTP. The benchmark only ever talks to this machine: anything but
 * 127.0.0.1 is refused, so a mistyped URL can never load someone else's service.
 */
export function callJson(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonResponse> {
  const url = new URL(path, baseUrl);
  if (url.hostname !== '127.0.0.1') throw new Error(`The benchmark only calls 127.0.0.1, not ${url.host}`);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: {
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            // Not JSON: keep the text.
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export function closeConnections(): void {
  agent.destroy();
}

/**
 * Closes the connections waiting idle, so the next run opens fresh ones. Between runs (the raw
 * floor's turn can outlast the server's 5 s keep-alive, more so on a loaded machine) an idle socket
 * may be closed by the server just as the client reuses it: an ECONNRESET that is no fault of the
 * request being measured.
 */
export function dropIdleConnections(): void {
  for (const sockets of Object.values(agent.freeSockets)) {
    for (const socket of sockets ?? []) socket.destroy();
  }
}
