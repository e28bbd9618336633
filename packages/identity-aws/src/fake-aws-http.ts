/**
 * A stand-in for the network under the AWS SDK (its `requestHandler`): records every request the
 * real client serialised and answers from a script, so tests see exactly what AWS would be sent.
 */

export interface SentRequest {
  method: string;
  hostname: string;
  path: string;
  headers: Record<string, string>;
  /** The JSON body, parsed. */
  body: unknown;
  /** `x-amz-target` for JSON-RPC services (Cognito); undefined for REST ones (SES v2). */
  target: string | undefined;
}

export interface ScriptedAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface SdkRequest {
  method: string;
  hostname: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

export class FakeAwsHttp {
  readonly sent: SentRequest[] = [];
  private readonly answers: ScriptedAnswer[] = [];

  /** Queues answers, used in order; with none left, requests get 200 `{}`. */
  answer(...answers: ScriptedAnswer[]): this {
    this.answers.push(...answers);
    return this;
  }

  /** An AWS JSON error, the way Cognito and SES send them (type in a header and in the body). */
  static error(status: number, type: string, message: string): ScriptedAnswer {
    return { status, body: { __type: type, message }, headers: { 'x-amzn-errortype': type } };
  }

  readonly handler = {
    handle: async (request: SdkRequest) => {
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]),
      );
      const text =
        typeof request.body === 'string'
          ? request.body
          : request.body instanceof Uint8Array
            ? new TextDecoder().decode(request.body)
            : '';
      this.sent.push({
        method: request.method,
        hostname: request.hostname,
        path: request.path,
        headers,
        body: text ? JSON.parse(text) : undefined,
        target: headers['x-amz-target'],
      });
      const answer = this.answers.shift() ?? { status: 200, body: {} };
      return {
        response: {
          statusCode: answer.status,
          headers: { 'content-type': 'application/x-amz-json-1.1', ...answer.headers },
          body: Buffer.from(JSON.stringify(answer.body ?? {})),
        },
      };
    },
  };
}

/** Client settings for tests: the fake network, fixed credentials, and no retries. */
export function fakeClientConfig(http: FakeAwsHttp) {
  return {
    region: 'eu-west-2',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'test-secret' },
    requestHandler: http.handler,
    maxAttempts: 1,
  };
}
