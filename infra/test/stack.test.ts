/**
 * The CDK app, synthesised once (with real esbuild bundling and the cdk-nag AwsSolutions pack) and
 * checked against the route table and the table definition it is built from.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobName, routeKey } from '@carepool/contracts';
import { tableDefinition } from '@carepool/db';
import { roles } from '@carepool/domain';
import { routeList, routes } from '@carepool/functions/routes';
import type { App, CfnResource } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/build-app.ts';
import {
  alertsStreamFunctionName,
  authConfigFunction,
  cognitoTriggerFunctions,
  type DeployedFunctionName,
  deployedFunctions,
  deployedRoutes,
  depositsWorkerFunctionName,
  dynamoActions,
  functionDataAccess,
  identityFunction,
  jobsFunctionName,
  localOnlyRoutes,
  paymentRailFunctions,
} from '../src/deployed-routes.ts';
import { jobSchedules, scheduleRetryAttempts } from '../src/scheduled-jobs.ts';
import {
  type CarepoolStack,
  cognitoTriggerTimeout,
  defaultAuthDomainPrefix,
  signInCallbackPath,
  signInManagementActions,
  signOutCallbackPath,
} from '../src/stack.ts';
import {
  appSecurityHeaders,
  contentSecurityPolicy,
  docsContentSecurityPolicy,
  hashedAssetCacheControl,
  resolveWebDist,
  shellCacheControl,
  spaRoutingFunctionCode,
} from '../src/web-hosting.ts';

type Resource = { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Sid?: string };

/**
 * The only statements allowed to use Resource "*", and why. Anything else with "*" fails the test.
 */
const wildcardResourceAllowlist: { actions: string[]; reason: string }[] = [
  {
    actions: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
    reason:
      'Lambda active tracing: X-Ray has no resource-level permissions, so "*" is the only valid resource.',
  },
];

let outdir: string;
/** A stand-in for web/dist (so the tests never depend on whether the web app has been built). */
let webDist: string;
let app: App;
let stack: CarepoolStack;
let synthError: unknown;
let template: Template;
let resources: Record<string, Resource>;

function ofType(type: string): [string, Resource][] {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
}

function logicalId(construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnResource);
}

function asArray<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

/** The functions behind the API routes, and the jobs function: everything but the Cognito triggers. */
function appFunctions(): [DeployedFunctionName, (typeof stack)['jobsFunction']][] {
  return [
    ...stack.functions,
    [jobsFunctionName, stack.jobsFunction],
    [alertsStreamFunctionName, stack.alertsFunction],
    [depositsWorkerFunctionName, stack.depositsWorker],
  ];
}

/** Every function the stack deploys: the app's, and the user pool's triggers. */
function allFunctions(): [DeployedFunctionName, (typeof stack)['jobsFunction']][] {
  return [...appFunctions(), ...stack.cognitoTriggers];
}

type LambdaResource = { Properties: { Environment: { Variables: Record<string, unknown> } } };

/**
 * A template's Lambda functions but the Cognito triggers (`CognitoPre…`), which get the table name
 * and nothing else.
 */
function appFunctionResources(built: Template): LambdaResource[] {
  return Object.entries(built.findResources('AWS::Lambda::Function'))
    .filter(([id]) => !id.startsWith('CognitoPre'))
    .map(([, fn]) => fn as LambdaResource);
}

/** The SES sender the stack under test is given (`-c mailFrom`). */
const mailFrom = 'no-reply@carepool.example.org';

/** The statements of the policies attached to a role (by its logical id). */
function roleStatements(roleId: string): Statement[] {
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Properties?.Roles).includes(`"${roleId}"`))
    .flatMap(
      ([, policy]) =>
        (policy.Properties?.PolicyDocument as { Statement: Statement[] } | undefined)?.Statement ?? [],
    );
}

/** The upload function aws-s3-deployment adds (its handler, not one of ours). */
function uploadFunctions(): [string, Resource][] {
  return ofType('AWS::Lambda::Function').filter(([id]) => id.startsWith('CustomCDKBucketDeployment'));
}

/**
 * A template value as text: an Fn::Join flattened, `{Ref: X}` written `<X>` and `{Fn::GetAtt: [X, A]}`
 * written `<X.A>`.
 */
function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  const object = (value ?? {}) as Record<string, unknown>;
  if (typeof object.Ref === 'string') return `<${object.Ref}>`;
  if (Array.isArray(object['Fn::GetAtt'])) return `<${object['Fn::GetAtt'].join('.')}>`;
  if (Array.isArray(object['Fn::Join'])) {
    const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
    return parts.map(flatten).join(separator);
  }
  throw new Error(`Cannot flatten ${JSON.stringify(value)}`);
}

/** A Content-Security-Policy as directive → sources. */
function parseCsp(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split('; ').map((directive) => {
      const [name = '', ...values] = directive.split(' ');
      return [name, values];
    }),
  );
}

/** The hosted sign-in's URL (CAREPOOL_AUTH_DOMAIN), flattened, for the default prefix domain. */
function authUrl(): string {
  return `https://<${logicalId(stack.userPoolDomain)}>.auth.${stack.region}.amazoncognito.com`;
}

/** The stack's web URL, as the template writes it (no custom domain). */
function distributionUrl() {
  return {
    'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(stack.web.distribution), 'DomainName'] }]],
  };
}

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'carepool-cdk-'));
  webDist = mkdtempSync(join(tmpdir(), 'carepool-web-dist-'));
  mkdirSync(join(webDist, 'assets'));
  writeFileSync(
    join(webDist, 'index.html'),
    '<!doctype html><script type="module" src="/assets/index-abc123.js"></script>',
  );
  writeFileSync(join(webDist, 'assets', 'index-abc123.js'), 'console.log("carepool");');
  const context = { webDist, mailFrom };
  ({ app, stack } = buildApp({ outdir, context }));
  try {
    app.synth();
  } catch (error) {
    synthError = error;
    // cdk-nag failed the synth (its test reports why): synthesise again without failing, so the other
    // tests still check the template rather than all failing on a missing one.
    rmSync(outdir, { recursive: true, force: true });
    ({ app, stack } = buildApp({
      outdir,
      context: { ...context, '@aws-cdk/core:failSynthOnValidationErrors': false },
    }));
  }
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Resource>;
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  rmSync(webDist, { recursive: true, force: true });
});

describe('cdk-nag (AwsSolutions)', () => {
  it('synthesises with no unacknowledged findings (errors or warnings)', () => {
    expect(synthError).toBeUndefined();
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`)).toEqual(
      [],
    );
    expect(report.success).toBe(true);
    const validation = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: unknown[];
    };
    expect(validation.pluginReports).toEqual([]);
  });

  it('gives every acknowledgement a written reason, and acknowledges only the expected rules', () => {
    const acknowledged = new Map<string, string>();
    for (const [, resource] of Object.entries(resources)) {
      const nag = resource.Metadata?.cdk_nag as
        | { rules_to_suppress: { id: string; reason: string }[] }
        | undefined;
      for (const rule of nag?.rules_to_suppress ?? [])
        acknowledged.set(`${rule.id}: ${rule.reason}`, rule.id);
    }
    for (const text of acknowledged.keys()) expect(text.length).toBeGreaterThan(120);
    expect([...new Set(acknowledged.values())].sort()).toEqual(
      [
        'AwsSolutions-APIG4',
        'AwsSolutions-CFR1',
        'AwsSolutions-CFR2',
        'AwsSolutions-CFR4',
        'AwsSolutions-COG2',
        `AwsSolutions-IAM5[Resource::<${logicalId(stack.web.bucket)}.Arn>/*]`,
        'AwsSolutions-IAM5[Resource::*]',
        'AwsSolutions-L1',
        'AwsSolutions-S1',
        'AwsSolutions-SMG4',
      ].sort(),
    );
  });
});

describe('HTTP API from the route table', () => {
  it('has exactly one route per deployed (non-localOnly) route, with JWT or no authorization', () => {
    const [[authorizerId] = []] = ofType('AWS::ApiGatewayV2::Authorizer');
    const apiRoutes = ofType('AWS::ApiGatewayV2::Route').map(([, resource]) => resource.Properties ?? {});
    expect(apiRoutes.map((route) => route.RouteKey).sort()).toEqual(deployedRoutes.map(routeKey).sort());
    for (const route of deployedRoutes) {
      const found = apiRoutes.find((candidate) => candidate.RouteKey === routeKey(route));
      expect(found, routeKey(route)).toBeDefined();
      switch (route.auth) {
        case 'jwt':
          expect(found?.AuthorizationType, routeKey(route)).toBe('JWT');
          expect(found?.AuthorizerId, routeKey(route)).toEqual({ Ref: authorizerId });
          break;
        case 'public':
        case 'signature':
          expect(found?.AuthorizationType, routeKey(route)).toBe('NONE');
          expect(found?.AuthorizerId, routeKey(route)).toBeUndefined();
          break;
        default:
          throw new Error(`Untested auth kind on ${routeKey(route)}`);
      }
    }
  });

  it('deploys the Stripe webhook (auth: signature) without the JWT authorizer, with a written reason', () => {
    const signed = deployedRoutes.filter((route) => route.auth === 'signature');
    expect(signed.map(routeKey)).toContain('POST /v1/webhooks/stripe');
    for (const route of signed) {
      const [, resource] =
        ofType('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties?.RouteKey === routeKey(route)) ?? [];
      expect(resource?.Properties?.AuthorizationType).toBe('NONE');
      const nag = resource?.Metadata?.cdk_nag as { rules_to_suppress: { id: string; reason: string }[] };
      expect(nag.rules_to_suppress.find((rule) => rule.id === 'AwsSolutions-APIG4')?.reason).toMatch(
        /signature/,
      );
    }
  });

  it('deploys no localOnly route', () => {
    expect(routeList.filter((route) => route.localOnly).length).toBe(localOnlyRoutes.length);
    const keys = ofType('AWS::ApiGatewayV2::Route').map(([, resource]) => resource.Properties?.RouteKey);
    for (const route of localOnlyRoutes) expect(keys).not.toContain(routeKey(route));
    expect(keys).not.toContain('$default');
  });

  it('sends each route to the function the route table names', () => {
    for (const route of deployedRoutes) {
      const [, resource] =
        ofType('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties?.RouteKey === routeKey(route)) ?? [];
      const target = JSON.stringify(resource?.Properties?.Target);
      const integrationId = /"Ref":"([^"]+)"/.exec(target)?.[1] ?? '';
      const integration = resources[integrationId]?.Properties;
      const fn = stack.functions.get(route.function);
      expect(fn, route.function).toBeDefined();
      expect(JSON.stringify(integration?.IntegrationUri)).toContain(logicalId(fn as never));
      expect(integration?.PayloadFormatVersion).toBe('2.0');
    }
  });

  it('verifies Cognito JWTs: issuer is the user pool, audience is the app client', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalId(stack.userPoolClient) }],
        Issuer: {
          'Fn::Join': [
            '',
            Match.arrayWith([Match.stringLikeRegexp('cognito-idp'), { Ref: logicalId(stack.userPool) }]),
          ],
        },
      },
    });
  });

  it('logs every request to an encrypted log group with retention, and throttles the stage', () => {
    const [[logGroupId, logGroup] = []] = ofType('AWS::Logs::LogGroup').filter(([id]) =>
      id.startsWith('ApiAccessLogs'),
    );
    expect(logGroup?.Properties?.RetentionInDays).toBeGreaterThan(0);
    expect(logGroup?.Properties?.KmsKeyId).toBeDefined();
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
        Format: Match.stringLikeRegexp('\\$context\\.requestId'),
      },
      DefaultRouteSettings: { ThrottlingBurstLimit: Match.anyValue(), ThrottlingRateLimit: Match.anyValue() },
    });
  });
});

describe('DynamoDB table from tableDefinition', () => {
  it('has exactly the key schema, attributes and GSIs of the definition', () => {
    const [[, table] = []] = ofType('AWS::DynamoDB::Table');
    expect(ofType('AWS::DynamoDB::Table')).toHaveLength(1);
    const props = table?.Properties ?? {};
    expect(props.KeySchema).toEqual([
      { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
    ]);
    const keyNames = [
      tableDefinition.partitionKey,
      tableDefinition.sortKey,
      ...tableDefinition.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ];
    expect(props.AttributeDefinitions).toEqual(
      expect.arrayContaining(keyNames.map((name) => ({ AttributeName: name, AttributeType: 'S' }))),
    );
    expect(props.AttributeDefinitions).toHaveLength(keyNames.length);
    expect(props.GlobalSecondaryIndexes).toEqual(
      tableDefinition.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    expect(props.TimeToLiveSpecification).toEqual({
      AttributeName: tableDefinition.timeToLiveAttribute,
      Enabled: true,
    });
    expect(props.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('has point-in-time recovery, a rotating customer-managed KMS key and deletion protection', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: {
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: {
          SSEEnabled: true,
          SSEType: 'KMS',
          KMSMasterKeyId: { 'Fn::GetAtt': [logicalId(stack.dataKey), 'Arn'] },
        },
        DeletionProtectionEnabled: true,
      },
    });
    for (const [, key] of ofType('AWS::KMS::Key')) expect(key.Properties?.EnableKeyRotation).toBe(true);
  });
});

describe('Lambda functions', () => {
  it('deploys one Node.js 24 arm64 function per function the deployed routes use, the jobs and alerts functions and two Cognito triggers', () => {
    // Plus the web upload function (aws-s3-deployment's handler), tested with the web hosting.
    expect(ofType('AWS::Lambda::Function')).toHaveLength(deployedFunctions.length + 6);
    expect([...stack.cognitoTriggers.keys()].sort()).toEqual(Object.values(cognitoTriggerFunctions).sort());
    expect(uploadFunctions()).toHaveLength(1);
    expect([...stack.functions.keys()]).toEqual([...deployedFunctions]);
    expect(deployedFunctions).not.toContain('dev');
    expect(allFunctions().map(([name]) => name)).toContain('jobs');
    for (const [name, fn] of allFunctions()) {
      const props = resources[logicalId(fn)]?.Properties ?? {};
      expect(props.Runtime, name).toBe('nodejs24.x');
      expect(props.Architectures, name).toEqual(['arm64']);
      expect(props.Handler, name).toBe('index.handler');
      expect(props.TracingConfig, name).toEqual({ Mode: 'Active' });
    }
    for (const [name, fn] of appFunctions()) {
      const props = resources[logicalId(fn)]?.Properties ?? {};
      expect(props.Environment, name).toMatchObject({
        Variables: {
          CAREPOOL_TABLE: { Ref: logicalId(stack.table) },
          CAREPOOL_PUBLIC_URL: distributionUrl(),
          CAREPOOL_USER_POOL_ID: { Ref: logicalId(stack.userPool) },
          CAREPOOL_MAIL_FROM: mailFrom,
          POWERTOOLS_SERVICE_NAME: 'carepool',
        },
      });
      // No council filter: the deposits job pays every council in the table.
      expect(props.Environment, name).not.toHaveProperty('Variables.CAREPOOL_COUNCILS');
    }
  });

  it('gives the jobs function its own timeout, and a dead-letter queue after two async retries', () => {
    const props = resources[logicalId(stack.jobsFunction)]?.Properties ?? {};
    expect(props.Timeout).toBeGreaterThanOrEqual(60);
    expect(props.DeadLetterConfig).toEqual({
      TargetArn: { 'Fn::GetAtt': [logicalId(stack.jobsDeadLetterQueue), 'Arn'] },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(stack.jobsFunction) },
      MaximumRetryAttempts: 2,
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('grants each function only the table actions its data access needs, on exact ARNs', () => {
    for (const [name, fn] of allFunctions()) {
      const statements = roleStatements(logicalId(fn.role as never));
      const dynamo = statements
        .flatMap((s) => asArray(s.Action))
        .filter((action) => action.startsWith('dynamodb:'));
      // The alerts function also reads the table's stream (its own statement, on the stream's ARN).
      const streamActions =
        name === alertsStreamFunctionName
          ? [
              'dynamodb:DescribeStream',
              'dynamodb:GetRecords',
              'dynamodb:GetShardIterator',
              'dynamodb:ListStreams',
            ]
          : [];
      expect(dynamo.sort(), name).toEqual(
        [...dynamoActions(functionDataAccess[name]), ...streamActions].sort(),
      );
      expect(dynamo).not.toContain('dynamodb:Scan');
      const table = statements.find((s) => s.Sid === 'TableAccess');
      expect(JSON.stringify(table?.Resource)).not.toContain('*');
    }
  });

  it('uses no AWS managed policies and no Resource "*" outside the allowlist', () => {
    for (const [id, role] of ofType('AWS::IAM::Role')) {
      expect(role.Properties?.ManagedPolicyArns, id).toBeUndefined();
    }
    const statements = [
      ...ofType('AWS::IAM::Policy').map(([id, policy]) => [id, policy.Properties?.PolicyDocument] as const),
      ...ofType('AWS::IAM::Role').flatMap(([id, role]) =>
        ((role.Properties?.Policies ?? []) as { PolicyDocument: unknown }[]).map(
          (policy) => [id, policy.PolicyDocument] as const,
        ),
      ),
    ].flatMap(([id, document]) =>
      (document as { Statement: Statement[] }).Statement.map((s) => [id, s] as const),
    );
    expect(statements.length).toBeGreaterThan(0);
    for (const [id, statement] of statements) {
      const actions = asArray(statement.Action);
      for (const action of actions) expect(action, id).not.toMatch(/\*/);
      if (asArray(statement.Resource).includes('*')) {
        const allowed = wildcardResourceAllowlist.some(
          (entry) => JSON.stringify([...actions].sort()) === JSON.stringify(entry.actions),
        );
        expect(allowed, `${id}: ${actions.join(', ')} on Resource "*"`).toBe(true);
      }
    }
  });
});

describe('Stripe secret', () => {
  it('is created with empty Stripe keys and a generated simulated-rail secret: nothing secret in the template', () => {
    const secrets = ofType('AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(1);
    const props = secrets[0]?.[1].Properties ?? {};
    expect(props.SecretString).toBeUndefined();
    const generate = props.GenerateSecretString as {
      SecretStringTemplate: string;
      GenerateStringKey: string;
    };
    expect(JSON.parse(generate.SecretStringTemplate)).toEqual({
      STRIPE_SECRET_KEY: '',
      STRIPE_WEBHOOK_SECRET: '',
    });
    expect(generate.GenerateStringKey).toBe('SIMULATED_WEBHOOK_SECRET');
  });

  it('is readable (GetSecretValue, that secret only) by exactly the payment-rail functions, via its ARN in env', () => {
    const secretRef = { Ref: logicalId(stack.stripeSecret) };
    const railFunctions = allFunctions().filter(([name]) => paymentRailFunctions.includes(name));
    expect(railFunctions.map(([name]) => name)).toEqual(
      expect.arrayContaining(['orders', 'accounts', 'webhooks', 'jobs']),
    );
    for (const [name, fn] of allFunctions()) {
      const rail = paymentRailFunctions.includes(name);
      const environment = resources[logicalId(fn)]?.Properties?.Environment as
        | { Variables: object }
        | undefined;
      const variables = environment?.Variables;
      expect(variables, name).toBeDefined();
      expect(variables, name).not.toHaveProperty('STRIPE_SECRET_KEY');
      expect(variables, name).not.toHaveProperty('STRIPE_WEBHOOK_SECRET');
      expect(variables, name).not.toHaveProperty('SIMULATED_WEBHOOK_SECRET');
      if (rail) expect(variables, name).toHaveProperty('STRIPE_SECRET_ARN', secretRef);
      else expect(variables, name).not.toHaveProperty('STRIPE_SECRET_ARN');
      const secretStatements = roleStatements(logicalId(fn.role as never)).filter((statement) =>
        asArray(statement.Action).some((action) => action.startsWith('secretsmanager:')),
      );
      expect(
        secretStatements.map((statement) => [asArray(statement.Action), statement.Resource]),
        name,
      ).toEqual(rail ? [[['secretsmanager:GetSecretValue'], secretRef]] : []);
    }
    // Nobody else (no other role) may read it either.
    const readers = ofType('AWS::IAM::Policy').filter(([, policy]) =>
      JSON.stringify(policy.Properties?.PolicyDocument).includes('secretsmanager:'),
    );
    expect(readers).toHaveLength(railFunctions.length);
  });
});

describe('four-weekly deposits', () => {
  it('queues due people for a worker that reports failures per message, with a dead-letter queue', () => {
    const queue = resources[logicalId(stack.depositsQueue)]?.Properties ?? {};
    expect(queue.RedrivePolicy).toMatchObject({
      deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(stack.depositsDeadLetterQueue), 'Arn'] },
      maxReceiveCount: 5,
    });
    expect(queue.SqsManagedSseEnabled).toBe(true);
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(
      ([, resource]) =>
        JSON.stringify(resource.Properties?.EventSourceArn) ===
        JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.depositsQueue), 'Arn'] }),
    );
    expect(mappings).toHaveLength(1);
    expect(mappings[0]?.[1].Properties).toMatchObject({
      FunctionName: { Ref: logicalId(stack.depositsWorker) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
    });
    const jobs = resources[logicalId(stack.jobsFunction)]?.Properties ?? {};
    expect(JSON.stringify(jobs.Environment)).toContain('CAREPOOL_DEPOSITS_QUEUE_URL');
  });
});

describe('scheduled jobs', () => {
  const expected: Record<string, { expression: string; timeZone: string }> = {
    'auto-confirm': { expression: 'rate(1 hour)', timeZone: 'Etc/UTC' },
    deposits: { expression: 'cron(0 2 * * ? *)', timeZone: 'Europe/London' },
    payouts: { expression: 'rate(15 minutes)', timeZone: 'Etc/UTC' },
    reconcile: { expression: 'cron(0 3 * * ? *)', timeZone: 'Europe/London' },
  };

  it('schedules every job once, at the agreed times, invoking the jobs function with {"job": …}', () => {
    const schedules = ofType('AWS::Scheduler::Schedule');
    expect(schedules).toHaveLength(JobName.options.length);
    expect([...stack.jobSchedules.keys()].sort()).toEqual([...JobName.options].sort());
    const functionArn = { 'Fn::GetAtt': [logicalId(stack.jobsFunction), 'Arn'] };
    const queueArn = { 'Fn::GetAtt': [logicalId(stack.jobsDeadLetterQueue), 'Arn'] };
    const roleArn = { 'Fn::GetAtt': [logicalId(stack.jobsScheduleRole), 'Arn'] };
    const [[groupId] = []] = ofType('AWS::Scheduler::ScheduleGroup');
    for (const job of JobName.options) {
      const id = logicalId(stack.jobSchedules.get(job) as never);
      const schedule = resources[id] as Resource & { DependsOn?: string[] };
      const props = schedule.Properties ?? {};
      if (expected[job]) {
        expect(props.ScheduleExpression, job).toBe(expected[job].expression);
        expect(props.ScheduleExpressionTimezone, job).toBe(expected[job].timeZone);
      }
      expect(props.State, job).toBe('ENABLED');
      expect(props.FlexibleTimeWindow, job).toEqual({ Mode: 'OFF' });
      expect(props.Target, job).toEqual({
        Arn: functionArn,
        RoleArn: roleArn,
        Input: JSON.stringify({ job }),
        RetryPolicy: {
          MaximumRetryAttempts: scheduleRetryAttempts,
          MaximumEventAgeInSeconds: jobSchedules[job].maxEventAge.toSeconds(),
        },
        DeadLetterConfig: { Arn: queueArn },
      });
      expect(schedule.DependsOn, job).toEqual(expect.arrayContaining([groupId]));
    }
    for (const job of Object.keys(expected)) expect(JobName.options).toContain(job);
  });

  it('lets only schedules in its group assume the role, and the role only invoke the jobs function', () => {
    const roleId = logicalId(stack.jobsScheduleRole);
    const [[groupId] = []] = ofType('AWS::Scheduler::ScheduleGroup');
    const trust = resources[roleId]?.Properties?.AssumeRolePolicyDocument as {
      Statement: (Statement & { Principal: unknown; Condition: unknown })[];
    };
    expect(trust.Statement).toEqual([
      expect.objectContaining({
        Action: 'sts:AssumeRole',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: {
          StringEquals: {
            'aws:SourceAccount': { Ref: 'AWS::AccountId' },
            'aws:SourceArn': { 'Fn::GetAtt': [groupId, 'Arn'] },
          },
        },
      }),
    ]);
    const statements = roleStatements(roleId);
    expect(resources[roleId]?.Properties?.Policies).toBeUndefined();
    expect(statements.map((s) => [s.Effect, asArray(s.Action), s.Resource])).toEqual([
      ['Allow', ['lambda:InvokeFunction'], { 'Fn::GetAtt': [logicalId(stack.jobsFunction), 'Arn'] }],
      ['Allow', ['sqs:SendMessage'], { 'Fn::GetAtt': [logicalId(stack.jobsDeadLetterQueue), 'Arn'] }],
    ]);
    // No other role may invoke any function.
    const invokers = ofType('AWS::IAM::Policy').filter(([, policy]) =>
      JSON.stringify(policy.Properties?.PolicyDocument).includes('lambda:InvokeFunction'),
    );
    expect(invokers.map(([, policy]) => policy.Properties?.Roles)).toEqual([[{ Ref: roleId }]]);
  });
});

/** The directory CDK bundled a function's code into (cdk.out/asset.<hash>). */
function assetDir(fn: (typeof stack)['jobsFunction']): string {
  const code = (resources[logicalId(fn)]?.Properties?.Code ?? {}) as { S3Key?: unknown };
  if (typeof code.S3Key !== 'string') throw new Error(`No S3 key for ${fn.node.path}`);
  return join(outdir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
}

describe('the Stripe SDK', () => {
  it('ships pre-bundled beside the payment-rail functions only, outside their bundle (loaded on first use)', () => {
    const shipped = allFunctions().map(([name, fn]) => {
      const dir = assetDir(fn);
      const bundle = readFileSync(join(dir, 'index.mjs'), 'utf8');
      return {
        name,
        dir,
        files: readdirSync(dir, { recursive: true }).map(String).sort(),
        // The SDK's API host: in a bundle only if the SDK itself was bundled in.
        sdkInBundle: bundle.includes('api.stripe.com'),
        importsStripe: /import\(["']stripe["']\)/.test(bundle),
      };
    });
    for (const fn of shipped) {
      const paymentRail = paymentRailFunctions.includes(fn.name);
      expect(fn.sdkInBundle, fn.name).toBe(false);
      expect(fn.importsStripe, fn.name).toBe(paymentRail);
      expect(fn.files, fn.name).toEqual(
        paymentRail
          ? [
              'index.mjs',
              'node_modules',
              'node_modules/stripe',
              'node_modules/stripe/index.mjs',
              'node_modules/stripe/package.json',
            ]
          : ['index.mjs'],
      );
    }
    const vendored = shipped.filter((fn) => paymentRailFunctions.includes(fn.name));
    expect(vendored.map((fn) => fn.name).sort()).toEqual([...paymentRailFunctions].sort());
    for (const fn of vendored)
      expect(readFileSync(join(fn.dir, 'node_modules', 'stripe', 'index.mjs'), 'utf8')).toContain(
        'api.stripe.com',
      );
  });
});

describe('deployment settings from context', () => {
  // No bundling for stacks built only to read their settings.
  const build = (context: Record<string, string>) =>
    buildApp({ context: { 'aws:cdk:bundling-stacks': [], webDist: 'none', ...context } }).stack;

  it('ships no source maps unless -c sourceMaps=true, and turns them on in Node only then', () => {
    // The bundled stack: each function's asset holds its bundle and no .map beside it.
    const assets = readdirSync(outdir).filter((entry) => entry.startsWith('asset.'));
    const bundles = assets.filter((asset) => existsSync(join(outdir, asset, 'index.mjs')));
    expect(bundles.length).toBeGreaterThanOrEqual(deployedFunctions.length);
    for (const asset of bundles)
      expect(readdirSync(join(outdir, asset)).filter((file) => file.endsWith('.map'))).toEqual([]);
    for (const fn of appFunctionResources(template))
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBeUndefined();

    const withMaps = Template.fromStack(build({ sourceMaps: 'true' }));
    const functions = Object.values(withMaps.findResources('AWS::Lambda::Function')).filter(
      (fn) => fn.Properties.Environment?.Variables?.CAREPOOL_TABLE !== undefined,
    );
    expect(functions.length).toBeGreaterThanOrEqual(deployedFunctions.length + 4);
    for (const fn of functions)
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
  });

  it('passes -c councils and -c publicUrl to every function', () => {
    const custom = build({
      councils: 'north-dales,south-vale',
      publicUrl: 'https://carepool.north-dales.gov.uk',
    });
    const built = Template.fromStack(custom);
    // No web build (webDist none): no upload function either. The triggers need neither setting.
    built.resourceCountIs('AWS::Lambda::Function', deployedFunctions.length + 5);
    const functions = appFunctionResources(built);
    expect(functions).toHaveLength(deployedFunctions.length + 3);
    for (const fn of functions) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        CAREPOOL_COUNCILS: 'north-dales,south-vale',
        CAREPOOL_PUBLIC_URL: 'https://carepool.north-dales.gov.uk',
      });
    }
  });

  it('without -c mailFrom: a warning, no email permission, no sender in any function, Cognito sends its own emails', () => {
    const noMail = buildApp({ context: { 'aws:cdk:bundling-stacks': [], webDist: 'none' } });
    Annotations.fromStack(noMail.stack).hasWarning(
      `/${noMail.stack.stackName}`,
      Match.stringLikeRegexp('No mailFrom: invitations cannot be emailed'),
    );
    const built = Template.fromStack(noMail.stack);
    expect(JSON.stringify(built.findResources('AWS::IAM::Policy'))).not.toContain('ses:');
    for (const fn of Object.values(built.findResources('AWS::Lambda::Function')))
      expect(fn.Properties.Environment.Variables.CAREPOOL_MAIL_FROM).toBeUndefined();
    // No email configuration is Cognito's own sender (COGNITO_DEFAULT).
    built.hasResourceProperties('AWS::Cognito::UserPool', { EmailConfiguration: Match.absent() });
  });

  it('takes -c mailIdentity when the SES identity is the address itself, and refuses malformed senders', () => {
    const custom = build({
      mailFrom: 'carepool@north-dales.gov.uk',
      mailIdentity: 'carepool@north-dales.gov.uk',
    });
    const policies = JSON.stringify(Template.fromStack(custom).findResources('AWS::IAM::Policy'));
    expect(policies).toContain(':identity/carepool@north-dales.gov.uk');
    expect(() => build({ mailFrom: 'Carepool <no-reply@carepool.example.org>' })).toThrow(/mailFrom/);
    expect(() => build({ mailFrom: 'no-reply' })).toThrow(/mailFrom/);
    expect(() =>
      build({ mailFrom: 'no-reply@carepool.example.org', mailIdentity: 'other.example.org' }),
    ).toThrow(/mailIdentity/);
    expect(() => build({ mailIdentity: 'carepool.example.org' })).toThrow(/mailIdentity needs mailFrom/);
  });

  it('refuses malformed councils and non-https public URLs', () => {
    expect(() => build({ councils: 'North Dales' })).toThrow(/councils/);
    expect(() => build({ publicUrl: 'http://carepool.example.org' })).toThrow(/publicUrl/);
  });

  it('sends Cognito back to -c publicUrl (a trailing slash dropped) and takes -c authDomainPrefix', () => {
    const custom = Template.fromStack(
      build({ publicUrl: 'https://carepool.north-dales.gov.uk/', authDomainPrefix: 'carepool-north-dales' }),
    );
    custom.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://carepool.north-dales.gov.uk/signed-in'],
      LogoutURLs: ['https://carepool.north-dales.gov.uk/signed-out'],
    });
    custom.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'carepool-north-dales' });
    for (const fn of appFunctionResources(custom))
      expect(fn.Properties.Environment.Variables.CAREPOOL_PUBLIC_URL).toBe(
        'https://carepool.north-dales.gov.uk',
      );
  });

  it('refuses a sign-in domain prefix Cognito would refuse', () => {
    for (const prefix of ['Carepool', 'carepool_dev', '-carepool', 'carepool-', 'my-cognito', 'aws-carepool'])
      expect(() => build({ authDomainPrefix: prefix }), prefix).toThrow(/authDomainPrefix/);
    expect(() => build({ authDomainPrefix: 'x'.repeat(64) })).toThrow(/authDomainPrefix/);
    expect(() => build({ authDomainPrefix: 'carepool-north-dales-2' })).not.toThrow();
  });

  it('uses a custom sign-in domain with its us-east-1 certificate, in the functions and the CSP', () => {
    const certificateArn =
      'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
    const custom = build({ authDomainName: 'auth.carepool.example.org', authCertificateArn: certificateArn });
    const customTemplate = Template.fromStack(custom);
    customTemplate.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'auth.carepool.example.org',
      CustomDomainConfig: { CertificateArn: certificateArn },
    });
    // The domain resource's Ref is its domain name, so the URL is https://auth.carepool.example.org.
    const signInUrl = `https://<${custom.getLogicalId(custom.userPoolDomain.node.defaultChild as CfnResource)}>`;
    const platform = Object.entries(customTemplate.findResources('AWS::Lambda::Function')).find(
      ([id]) =>
        id ===
        custom.getLogicalId(custom.functions.get(authConfigFunction)?.node.defaultChild as CfnResource),
    );
    expect(flatten(platform?.[1].Properties.Environment.Variables.CAREPOOL_AUTH_DOMAIN)).toBe(signInUrl);
    const [policy] = Object.values(customTemplate.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    const csp = parseCsp(
      flatten(
        policy?.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy
          .ContentSecurityPolicy,
      ),
    );
    expect(csp['connect-src']).toEqual(["'self'", signInUrl]);
    const outputs = customTemplate.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(flatten(outputs.AuthUrl?.Value)).toBe(signInUrl);
    expect(flatten(outputs.AuthDomainTarget?.Value)).toMatch(/\.CloudFrontDistribution>$/);
    // A custom domain needs no acknowledgement either.
    expect(new AwsSolutionsChecks().validateScope(custom.node.root).violations).toEqual([]);
  });

  it('refuses a custom sign-in domain without a us-east-1 certificate, or with a prefix too', () => {
    expect(() => build({ authDomainName: 'auth.carepool.example.org' })).toThrow(/authCertificateArn/);
    expect(() =>
      build({
        authDomainName: 'auth.carepool.example.org',
        authCertificateArn: 'arn:aws:acm:eu-west-2:123456789012:certificate/0a1b2c3d',
      }),
    ).toThrow(/us-east-1/);
    expect(() =>
      build({
        authDomainPrefix: 'carepool',
        authDomainName: 'auth.carepool.example.org',
        authCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d',
      }),
    ).toThrow(/alternatives/);
  });
});

describe('Cognito', () => {
  it('has a group per role, the custom claims the handlers read, and a strong password policy', () => {
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, group]) => group.Properties?.GroupName);
    expect(groups.sort()).toEqual([...roles].sort());
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'councilId', AttributeDataType: 'String' }),
        Match.objectLike({ Name: 'personId', AttributeDataType: 'String' }),
      ]),
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      UserPoolTier: 'PLUS',
      DeletionProtection: 'ACTIVE',
    });
  });

  it('acts on sign-in risk: MFA for high risk, leaked passwords refused', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolRiskConfigurationAttachment', {
      ClientId: 'ALL',
      AccountTakeoverRiskConfiguration: { Actions: { HighAction: { EventAction: 'MFA_REQUIRED' } } },
      CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } },
    });
  });

  it('hosts sign-in on a Cognito domain (classic hosted UI), and outputs its URL', () => {
    expect(ofType('AWS::Cognito::UserPoolDomain')).toHaveLength(1);
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: defaultAuthDomainPrefix,
      UserPoolId: { Ref: logicalId(stack.userPool) },
      ManagedLoginVersion: 1,
    });
    expect(defaultAuthDomainPrefix).toBe('carepool');
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(flatten(outputs.AuthUrl?.Value)).toBe(authUrl());
    expect(outputs.AuthDomainTarget).toBeUndefined();
  });

  it('lets the web client use the authorization code flow only (public client, PKCE), back to the web app', () => {
    expect(ofType('AWS::Cognito::UserPoolClient')).toHaveLength(1);
    const [[, client] = []] = ofType('AWS::Cognito::UserPoolClient');
    const properties = client?.Properties ?? {};
    expect(properties.AllowedOAuthFlowsUserPoolClient).toBe(true);
    // Code only: no implicit flow (tokens in the URL), no client credentials (a secret the browser can't keep).
    expect(properties.AllowedOAuthFlows).toEqual(['code']);
    expect(properties.GenerateSecret).toBe(false);
    expect([...(properties.AllowedOAuthScopes as string[])].sort()).toEqual(['email', 'openid', 'profile']);
    expect(properties.SupportedIdentityProviders).toEqual(['COGNITO']);
    const web = `https://<${logicalId(stack.web.distribution)}.DomainName>`;
    expect(signInCallbackPath).toBe('/signed-in');
    expect(signOutCallbackPath).toBe('/signed-out');
    expect((properties.CallbackURLs as unknown[]).map(flatten)).toEqual([`${web}/signed-in`]);
    expect((properties.LogoutURLs as unknown[]).map(flatten)).toEqual([`${web}/signed-out`]);
    expect(properties.ExplicitAuthFlows).toEqual(
      expect.arrayContaining(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
    );
    expect(properties.ExplicitAuthFlows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
    expect(properties.EnableTokenRevocation).toBe(true);
  });

  it('gives the sign-in settings to the function behind GET /v1/auth/config, and to no other', () => {
    expect(authConfigFunction).toBe(routes.getAuthConfig.function);
    expect(authConfigFunction).toBe('platform');
    for (const [name, fn] of allFunctions()) {
      const environment = resources[logicalId(fn)]?.Properties?.Environment as
        | { Variables: Record<string, unknown> }
        | undefined;
      const variables = environment?.Variables ?? {};
      if (name === authConfigFunction) {
        expect(flatten(variables.CAREPOOL_AUTH_DOMAIN)).toBe(authUrl());
        expect(variables.CAREPOOL_AUTH_CLIENT_ID).toEqual({ Ref: logicalId(stack.userPoolClient) });
      } else {
        expect(variables.CAREPOOL_AUTH_DOMAIN, name).toBeUndefined();
        expect(variables.CAREPOOL_AUTH_CLIENT_ID, name).toBeUndefined();
      }
    }
  });

  it('lets people sign themselves up (guarded by the pre sign-up trigger), with our user id as the username', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: false }),
      // Username (our `usr_…` id) with email as a sign-in alias, not email as the username.
      AliasAttributes: ['email'],
      UsernameAttributes: Match.absent(),
      AutoVerifiedAttributes: ['email'],
    });
  });

  it('attaches the pre sign-up trigger and the V2 pre token generation trigger, invocable by this pool only', () => {
    const preSignUp = stack.cognitoTriggers.get(cognitoTriggerFunctions.preSignUp);
    const preToken = stack.cognitoTriggers.get(cognitoTriggerFunctions.preTokenGeneration);
    if (!preSignUp || !preToken) throw new Error('triggers missing');
    const pool = resources[logicalId(stack.userPool)]?.Properties ?? {};
    expect(pool.LambdaConfig).toEqual({
      PreSignUp: { 'Fn::GetAtt': [logicalId(preSignUp), 'Arn'] },
      PreTokenGenerationConfig: {
        LambdaArn: { 'Fn::GetAtt': [logicalId(preToken), 'Arn'] },
        LambdaVersion: 'V2_0',
      },
    });
    for (const fn of [preSignUp, preToken]) {
      const permissions = ofType('AWS::Lambda::Permission').filter(
        ([, permission]) =>
          JSON.stringify(permission.Properties?.FunctionName) ===
          JSON.stringify({ 'Fn::GetAtt': [logicalId(fn), 'Arn'] }),
      );
      expect(permissions.map(([, p]) => p.Properties)).toEqual([
        {
          Action: 'lambda:InvokeFunction',
          FunctionName: { 'Fn::GetAtt': [logicalId(fn), 'Arn'] },
          Principal: 'cognito-idp.amazonaws.com',
          SourceArn: { 'Fn::GetAtt': [logicalId(stack.userPool), 'Arn'] },
        },
      ]);
    }
  });

  it('gives the triggers the table only (write for sign-up and the last sign-in), a 5 second timeout, and no user pool', () => {
    expect(functionDataAccess[cognitoTriggerFunctions.preSignUp]).toBe('readWrite');
    expect(functionDataAccess[cognitoTriggerFunctions.preTokenGeneration]).toBe('readWrite');
    for (const [name, fn] of stack.cognitoTriggers) {
      const props = resources[logicalId(fn)]?.Properties ?? {};
      expect(props.Timeout, name).toBe(cognitoTriggerTimeout.toSeconds());
      expect(props.Timeout, name).toBeLessThanOrEqual(5);
      const variables = (props.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(variables).sort(), name).toEqual(
        ['CAREPOOL_TABLE', 'POWERTOOLS_SERVICE_NAME'].sort(),
      );
      const actions = roleStatements(logicalId(fn.role as never)).flatMap((s) => asArray(s.Action));
      expect(
        actions.filter((a) => !/^(dynamodb|kms|logs|xray):/.test(a)),
        name,
      ).toEqual([]);
    }
  });

  it('lets only the identity function create, disable and sign out users, in this pool only', () => {
    expect(identityFunction).toBe('identity');
    expect(identityFunction).toBe(routes.acceptInvitation.function);
    for (const [name, fn] of allFunctions()) {
      const statements = roleStatements(logicalId(fn.role as never));
      const cognitoStatements = statements.filter((s) =>
        asArray(s.Action).some((a) => a.startsWith('cognito-idp:')),
      );
      if (name === identityFunction) {
        expect(cognitoStatements).toEqual([
          {
            Sid: 'ManageSignIns',
            Effect: 'Allow',
            Action: [...signInManagementActions],
            Resource: { 'Fn::GetAtt': [logicalId(stack.userPool), 'Arn'] },
          },
        ]);
      } else {
        expect(cognitoStatements, name).toEqual([]);
      }
    }
    expect([...signInManagementActions].sort()).toEqual([
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminDisableUser',
      'cognito-idp:AdminUserGlobalSignOut',
    ]);
  });

  it('lets only the identity function send email, from the configured address and SES identity only', () => {
    for (const [name, fn] of allFunctions()) {
      const statements = roleStatements(logicalId(fn.role as never));
      const ses = statements.filter((s) => asArray(s.Action).some((a) => a.startsWith('ses:')));
      if (name === identityFunction) {
        expect(ses).toHaveLength(1);
        expect(ses[0]).toMatchObject({
          Sid: 'SendInvitations',
          Effect: 'Allow',
          Action: 'ses:SendEmail',
          Condition: { StringEquals: { 'ses:FromAddress': mailFrom } },
        });
        expect(flatten(ses[0]?.Resource)).toBe(
          'arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/carepool.example.org',
        );
      } else {
        expect(ses, name).toEqual([]);
      }
    }
  });

  it("sends Cognito's own emails (temporary passwords, codes) through SES from the same address", () => {
    const pool = resources[logicalId(stack.userPool)]?.Properties ?? {};
    expect(pool.EmailConfiguration).toMatchObject({
      EmailSendingAccount: 'DEVELOPER',
      From: `Carepool <${mailFrom}>`,
    });
    expect(flatten((pool.EmailConfiguration as { SourceArn: unknown }).SourceArn)).toMatch(
      /:ses:[a-z0-9-]+:<AWS::AccountId>:identity\/carepool\.example\.org$/,
    );
    const invitation = (pool.AdminCreateUserConfig as { InviteMessageTemplate: { EmailMessage: unknown } })
      .InviteMessageTemplate.EmailMessage;
    expect(flatten(invitation)).toContain('{username}');
    expect(flatten(invitation)).toContain('{####}');
  });

  it('lets the app client read but never write councilId or personId', () => {
    const [[, client] = []] = ofType('AWS::Cognito::UserPoolClient');
    expect(client?.Properties?.ReadAttributes).toEqual(
      expect.arrayContaining(['custom:councilId', 'custom:personId']),
    );
    expect(client?.Properties?.WriteAttributes).toEqual(['name']);
    expect(client?.Properties?.GenerateSecret).toBe(false);
  });
});

describe('alarms', () => {
  it('alarms on errors and throttles per function, jobs dead letters, API 5xx and DynamoDB throttles, all to the topic', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm');
    const functionCount = allFunctions().length;
    expect(alarms).toHaveLength(functionCount * 2 + 4);
    const topicId = logicalId(stack.alarmTopic);
    for (const [id, alarm] of alarms) expect(alarm.Properties?.AlarmActions, id).toEqual([{ Ref: topicId }]);
    const metricNames = alarms.map(([, alarm]) => alarm.Properties?.MetricName).filter(Boolean);
    expect(metricNames.filter((name) => name === 'Errors')).toHaveLength(functionCount);
    expect(metricNames.filter((name) => name === 'Throttles')).toHaveLength(functionCount);
    for (const [name, fn] of allFunctions()) {
      const errors = alarms.find(
        ([, alarm]) =>
          alarm.Properties?.MetricName === 'Errors' &&
          JSON.stringify(alarm.Properties?.Dimensions).includes(`"${logicalId(fn)}"`),
      );
      expect(errors, name).toBeDefined();
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(stack.jobsDeadLetterQueue), 'QueueName'] } },
      ],
      Threshold: 1,
    });
    expect(metricNames).toContain('5xx');
    const dynamo = alarms.find(([, alarm]) =>
      String(JSON.stringify(alarm.Properties?.Metrics)).includes('ThrottleEvents'),
    );
    expect(dynamo).toBeDefined();
  });
});

describe('web hosting (S3 + CloudFront)', () => {
  /** The distribution's config and its behaviours. */
  function distribution() {
    const [[id, resource] = []] = ofType('AWS::CloudFront::Distribution');
    expect(ofType('AWS::CloudFront::Distribution')).toHaveLength(1);
    const config = resource?.Properties?.DistributionConfig as {
      DefaultCacheBehavior: Record<string, unknown>;
      CacheBehaviors: Record<string, unknown>[];
      Origins: Record<string, unknown>[];
      [key: string]: unknown;
    };
    return { id: id as string, config };
  }
  const originOf = (behavior: Record<string, unknown>) =>
    distribution().config.Origins.find((origin) => origin.Id === behavior.TargetOriginId);
  const managed = {
    cachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
    cachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
    allViewerExceptHostHeader: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
  };

  it('keeps the web bucket private: public access blocked, no ACLs, TLS only, encrypted, versioned, logged', () => {
    const bucketId = logicalId(stack.web.bucket);
    const bucket = resources[bucketId]?.Properties ?? {};
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(bucket.AccessControl).toBeUndefined();
    expect(bucket.WebsiteConfiguration).toBeUndefined();
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(bucket.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logicalId(stack.web.logBucket) },
      LogFilePrefix: 'web-bucket/',
    });
    // The bucket policy: deny non-TLS, and allow exactly one thing, CloudFront reading objects for this
    // distribution (origin access control). Nobody else, no "*" principal allowed anything.
    const [, policy] =
      ofType('AWS::S3::BucketPolicy').find(
        ([, p]) => JSON.stringify(p.Properties?.Bucket) === JSON.stringify({ Ref: bucketId }),
      ) ?? [];
    const statements = (
      (policy?.Properties?.PolicyDocument ?? { Statement: [] }) as {
        Statement: (Statement & { Principal: unknown; Condition?: unknown })[];
      }
    ).Statement;
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: {
          StringEquals: {
            'AWS:SourceArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':cloudfront::',
                  { Ref: 'AWS::AccountId' },
                  ':distribution/',
                  { Ref: distribution().id },
                ],
              ],
            },
          },
        },
      }),
    ]);
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('keeps access logs in a private, TLS-only bucket that expires them', () => {
    const logs = resources[logicalId(stack.web.logBucket)]?.Properties ?? {};
    expect(logs.PublicAccessBlockConfiguration).toMatchObject({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
    });
    expect(logs.AccessControl).toBeUndefined();
    expect(JSON.stringify(logs.LifecycleConfiguration)).toMatch(/"ExpirationInDays":90/);
    expect(distribution().config.Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [logicalId(stack.web.logBucket), 'RegionalDomainName'] },
      IncludeCookies: false,
      Prefix: 'cloudfront/',
    });
  });

  it('reads the bucket through origin access control (no origin access identity)', () => {
    const oacs = ofType('AWS::CloudFront::OriginAccessControl');
    expect(oacs).toHaveLength(1);
    expect(oacs[0]?.[1].Properties?.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    expect(ofType('AWS::CloudFront::CloudFrontOriginAccessIdentity')).toEqual([]);
    const s3Origin = originOf(distribution().config.DefaultCacheBehavior);
    expect(s3Origin).toEqual({
      Id: expect.any(String),
      DomainName: { 'Fn::GetAtt': [logicalId(stack.web.bucket), 'RegionalDomainName'] },
      OriginAccessControlId: { 'Fn::GetAtt': [oacs[0]?.[0], 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
  });

  it('redirects http to https on every behaviour, serves index.html at /, and routes pages to the app shell', () => {
    const { config } = distribution();
    expect(config.DefaultRootObject).toBe('index.html');
    for (const behavior of [config.DefaultCacheBehavior, ...config.CacheBehaviors])
      expect(behavior.ViewerProtocolPolicy, String(behavior.PathPattern ?? 'default')).toBe(
        'redirect-to-https',
      );
    expect(config.DefaultCacheBehavior).toMatchObject({
      AllowedMethods: ['GET', 'HEAD'],
      CachePolicyId: managed.cachingOptimized,
      FunctionAssociations: [
        {
          EventType: 'viewer-request',
          FunctionARN: { 'Fn::GetAtt': [logicalId(stack.web.spaRouting), 'FunctionARN'] },
        },
      ],
    });
    // No custom error responses: they would apply to /v1/* too and hide the API's 403s and 404s.
    expect(config.CustomErrorResponses).toBeUndefined();
    const api = config.CacheBehaviors.find((b) => b.PathPattern === '/v1/*');
    expect(api?.FunctionAssociations).toBeUndefined();
  });

  it('serves the API reference under /docs/ from the app bucket, with inline styles allowed there only', () => {
    const { config } = distribution();
    const docs = config.CacheBehaviors.find((b) => b.PathPattern === '/docs/*') as Record<string, unknown>;
    expect(docs).toMatchObject({
      AllowedMethods: ['GET', 'HEAD'],
      CachePolicyId: managed.cachingOptimized,
      FunctionAssociations: [
        {
          EventType: 'viewer-request',
          FunctionARN: { 'Fn::GetAtt': [logicalId(stack.web.spaRouting), 'FunctionARN'] },
        },
      ],
      ResponseHeadersPolicyId: { Ref: logicalId(stack.web.docsHeadersPolicy) },
    });
    expect(originOf(docs)).toEqual(originOf(config.DefaultCacheBehavior));
    const docsCsp = parseCsp(docsContentSecurityPolicy());
    expect(docsCsp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(docsCsp['script-src']).toEqual(["'self'"]);
    expect(docsCsp['worker-src']).toEqual(["'self'", 'blob:']);
    expect(docsCsp['connect-src']).toEqual(["'self'"]);
    const [, policy] =
      ofType('AWS::CloudFront::ResponseHeadersPolicy').find(
        ([id]) => id === logicalId(stack.web.docsHeadersPolicy),
      ) ?? [];
    const config2 = (policy?.Properties?.ResponseHeadersPolicyConfig ?? {}) as {
      SecurityHeadersConfig: Record<string, Record<string, unknown>>;
    };
    expect(flatten(config2.SecurityHeadersConfig.ContentSecurityPolicy?.ContentSecurityPolicy)).toBe(
      docsContentSecurityPolicy(),
    );
    expect(config2.SecurityHeadersConfig.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
  });

  it('routes with the function made from the web paths, its 404 answering with the deployed app shell', () => {
    const [[, fn] = []] = ofType('AWS::CloudFront::Function');
    const shell = readFileSync(join(webDist, 'index.html'), 'utf8');
    // The 404's CSP names the hosted sign-in's origin, a token until deploy: joined here with a stand-in.
    const standIn = 'https://auth.example';
    const joined = fn?.Properties?.FunctionCode as { 'Fn::Join': [string, unknown[]] } | string;
    const code =
      typeof joined === 'string'
        ? joined
        : joined['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : standIn)).join('');
    const authOrigin = /connect-src 'self' (\S+);/.exec(code)?.[1];
    expect(authOrigin).toContain(standIn);
    expect(code).toBe(spaRoutingFunctionCode(shell, appSecurityHeaders(authOrigin)));
    expect(fn?.Properties?.FunctionConfig).toMatchObject({ Runtime: 'cloudfront-js-2.0' });
    const handler = new Function(`${code}; return handler;`)() as (event: { request: { uri: string } }) => {
      uri?: string;
      statusCode?: number;
      body?: string;
    };
    expect(handler({ request: { uri: '/orders/ord_1' } })).toEqual({ uri: '/index.html' });
    expect(handler({ request: { uri: '/assets/index-abc123.js' } })).toEqual({
      uri: '/assets/index-abc123.js',
    });
    // An unknown address keeps its 404, with the app's own "Page not found" (the shell draws it).
    expect(handler({ request: { uri: '/no-such-page' } })).toMatchObject({ statusCode: 404, body: shell });
  });

  it('adds the security headers (HSTS, CSP, nosniff, DENY, referrer) to web and API responses', () => {
    const policies = ofType('AWS::CloudFront::ResponseHeadersPolicy');
    expect(policies).toHaveLength(2);
    const [policyId, policy] = policies.find(([id]) => id === logicalId(stack.web.responseHeadersPolicy)) as [
      string,
      Resource,
    ];
    const config = (
      (policy.Properties?.ResponseHeadersPolicyConfig ?? {}) as {
        SecurityHeadersConfig: Record<string, Record<string, unknown>>;
      }
    ).SecurityHeadersConfig;
    expect(config.StrictTransportSecurity).toEqual({
      AccessControlMaxAgeSec: expect.any(Number),
      IncludeSubdomains: true,
      Override: true,
    });
    expect(config.StrictTransportSecurity?.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31536000);
    expect(config.ContentTypeOptions).toEqual({ Override: true });
    expect(config.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(config.ReferrerPolicy).toMatchObject({
      Override: true,
      ReferrerPolicy: expect.stringMatching(/origin/),
    });
    expect(config.ContentSecurityPolicy?.Override).toBe(true);
    const policyText = flatten(config.ContentSecurityPolicy?.ContentSecurityPolicy);
    expect(policyText).toBe(contentSecurityPolicy(authUrl()));
    const csp = parseCsp(policyText);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    // The API is on the same origin (/v1/* below), so 'self' covers it; the only other origin is the
    // hosted sign-in, whose token endpoint the browser POSTs the authorization code to.
    expect(csp['connect-src']).toEqual(["'self'", authUrl()]);
    expect(csp['form-action']).toEqual(["'self'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(policyText).not.toMatch(/unsafe-|\*/);
    expect(parseCsp(contentSecurityPolicy())['connect-src']).toEqual(["'self'"]);
    const { config: distributionConfig } = distribution();
    for (const behavior of [distributionConfig.DefaultCacheBehavior, ...distributionConfig.CacheBehaviors])
      expect(behavior.ResponseHeadersPolicyId).toEqual({
        Ref: behavior.PathPattern === '/docs/*' ? logicalId(stack.web.docsHeadersPolicy) : policyId,
      });
  });

  it('serves the API under /v1/* from the same origin: HTTPS to API Gateway, no caching, all viewer headers but Host', () => {
    const { config } = distribution();
    expect(config.CacheBehaviors.map((b) => b.PathPattern).sort()).toEqual(['/docs/*', '/v1/*']);
    const api = config.CacheBehaviors.find((b) => b.PathPattern === '/v1/*') as Record<string, unknown>;
    expect(api).toMatchObject({
      PathPattern: '/v1/*',
      AllowedMethods: expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
      CachePolicyId: managed.cachingDisabled,
      // With caching disabled this forwards Authorization too (API Gateway needs its own Host).
      OriginRequestPolicyId: managed.allViewerExceptHostHeader,
    });
    const origin = originOf(api);
    expect(JSON.stringify(origin?.DomainName)).toContain(`{"Ref":"${logicalId(stack.api)}"}`);
    expect(JSON.stringify(origin?.DomainName)).toContain('.execute-api.');
    expect(origin?.CustomOriginConfig).toEqual({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    expect(origin?.OriginPath).toBeUndefined();
    // Every API route is under /v1/, so the behaviour reaches all of them.
    for (const route of deployedRoutes) expect(route.path, routeKey(route)).toMatch(/^\/v1\//);
  });

  it('outputs the web URL, which is also where the payment rail sends people back (CAREPOOL_PUBLIC_URL)', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.WebUrl?.Value).toEqual(distributionUrl());
    expect(outputs.DistributionId?.Value).toEqual({ Ref: distribution().id });
    expect(outputs.WebBucketName?.Value).toEqual({ Ref: logicalId(stack.web.bucket) });
    expect(outputs.ApiUrl).toBeDefined();
  });

  it('uploads the build with aws-s3-deployment: hashed assets cached for good, then the shell, then an invalidation', () => {
    const deployments = ofType('Custom::CDKBucketDeployment').map(([, d]) => d.Properties ?? {});
    expect(deployments).toHaveLength(2);
    const bucketRef = { Ref: logicalId(stack.web.bucket) };
    const [assets, shell] = stack.web.deployments.map(
      (d) =>
        resources[
          stack.getLogicalId(d.node.findChild('CustomResource').node.defaultChild as CfnResource)
        ] as Resource & { DependsOn?: string[] },
    );
    expect(assets?.Properties).toMatchObject({
      DestinationBucketName: bucketRef,
      Include: ['assets/*'],
      Exclude: ['*'],
      Prune: false,
      SystemMetadata: { 'cache-control': hashedAssetCacheControl },
    });
    expect(assets?.Properties?.DistributionId).toBeUndefined();
    expect(shell?.Properties).toMatchObject({
      DestinationBucketName: bucketRef,
      Exclude: ['assets/*'],
      Prune: true,
      SystemMetadata: { 'cache-control': shellCacheControl },
      DistributionId: { Ref: distribution().id },
      DistributionPaths: ['/*'],
    });
    expect(shell?.DependsOn).toEqual(
      expect.arrayContaining([
        stack.getLogicalId(
          stack.web.deployments[0]?.node.findChild('CustomResource').node.defaultChild as CfnResource,
        ),
      ]),
    );
  });

  it('gives the upload function its own role: exact resources only, no managed policy, its own encrypted log group', () => {
    const [[, upload] = []] = uploadFunctions();
    const roleId = logicalId(stack.web.deployRole as never);
    expect(upload?.Properties?.Role).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    expect(resources[roleId]?.Properties?.ManagedPolicyArns).toBeUndefined();
    const logGroupId = JSON.stringify(upload?.Properties?.LoggingConfig).match(/"Ref":"([^"]+)"/)?.[1] ?? '';
    expect(resources[logGroupId]?.Properties).toMatchObject({
      KmsKeyId: expect.anything(),
      RetentionInDays: 30,
    });
    const bucketArn = { 'Fn::GetAtt': [logicalId(stack.web.bucket), 'Arn'] };
    const statements = roleStatements(roleId).map((s) => [s.Sid, asArray(s.Action).sort(), s.Resource]);
    expect(statements).toEqual([
      ['ReadWebBuild', ['s3:GetObject'], expect.objectContaining({ 'Fn::Join': expect.anything() })],
      ['ListWebBucket', ['s3:ListBucket'], bucketArn],
      [
        'WriteWebObjects',
        ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:PutObject'],
        { 'Fn::Join': ['', [bucketArn, '/*']] },
      ],
      [
        'InvalidateDistribution',
        ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'],
        expect.objectContaining({ 'Fn::Join': ['', expect.arrayContaining([{ Ref: distribution().id }])] }),
      ],
      [
        'WriteOwnLogGroup',
        ['logs:CreateLogStream', 'logs:PutLogEvents'],
        { 'Fn::GetAtt': [logGroupId, 'Arn'] },
      ],
    ]);
    // The build zip, by its exact key.
    expect(JSON.stringify(statements[0]?.[2])).toMatch(/\/[0-9a-f]{64}\.zip"/);
  });

  it('is created without an upload, with a warning (not a cdk-nag finding), when there is no web build', () => {
    const noWeb = buildApp({ context: { 'aws:cdk:bundling-stacks': [], webDist: 'none' } });
    const noWebTemplate = Template.fromStack(noWeb.stack);
    expect(Object.keys(noWebTemplate.findResources('Custom::CDKBucketDeployment'))).toEqual([]);
    noWebTemplate.resourceCountIs('AWS::CloudFront::Distribution', 1);
    // The app's functions, the jobs function and the two Cognito triggers.
    noWebTemplate.resourceCountIs('AWS::Lambda::Function', deployedFunctions.length + 5);
    Annotations.fromStack(noWeb.stack).hasWarning(
      '/Carepool/Web',
      Match.stringLikeRegexp('npm run build:web'),
    );
    expect(new AwsSolutionsChecks().validateScope(noWeb.app).violations).toEqual([]);
  });

  it('finds the build at web/dist by default, takes -c webDist=<path> or none, and refuses a path without index.html', () => {
    const root = mkdtempSync(join(tmpdir(), 'carepool-root-'));
    try {
      expect(resolveWebDist(undefined, root)).toBeUndefined();
      expect(() => resolveWebDist('web/dist', root)).toThrow(/npm run build:web/);
      mkdirSync(join(root, 'web', 'dist'), { recursive: true });
      writeFileSync(join(root, 'web', 'dist', 'index.html'), '<!doctype html>');
      expect(resolveWebDist(undefined, root)).toBe(join(root, 'web', 'dist'));
      expect(resolveWebDist('web/dist', root)).toBe(join(root, 'web', 'dist'));
      expect(resolveWebDist('none', root)).toBeUndefined();
      expect(resolveWebDist(webDist, root)).toBe(webDist);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('uses a custom domain with TLS 1.2+ (no CFR4 acknowledgement) and a WAF web ACL when given', () => {
    const certificateArn =
      'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
    const webAclArn =
      'arn:aws:wafv2:us-east-1:123456789012:global/webacl/carepool/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
    const custom = buildApp({
      context: {
        'aws:cdk:bundling-stacks': [],
        webDist: 'none',
        domainName: 'carepool.north-dales.gov.uk',
        certificateArn,
        webAclArn,
      },
    });
    const customTemplate = Template.fromStack(custom.stack);
    customTemplate.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['carepool.north-dales.gov.uk'],
        ViewerCertificate: {
          AcmCertificateArn: certificateArn,
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
        WebACLId: webAclArn,
      }),
    });
    const outputs = customTemplate.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.WebUrl?.Value).toBe('https://carepool.north-dales.gov.uk');
    for (const fn of appFunctionResources(customTemplate))
      expect(fn.Properties.Environment.Variables.CAREPOOL_PUBLIC_URL).toBe(
        'https://carepool.north-dales.gov.uk',
      );
    // Neither CFR2 nor CFR4 is acknowledged, and cdk-nag still finds nothing.
    const nag = JSON.stringify(customTemplate.toJSON());
    expect(nag).not.toContain('AwsSolutions-CFR4');
    expect(nag).not.toContain('AwsSolutions-CFR2');
    expect(new AwsSolutionsChecks().validateScope(custom.app).violations).toEqual([]);
  });

  it('refuses a domain without a us-east-1 certificate, and a regional web ACL', () => {
    const build = (context: Record<string, string>) =>
      buildApp({ context: { 'aws:cdk:bundling-stacks': [], webDist: 'none', ...context } });
    expect(() => build({ domainName: 'carepool.example.org' })).toThrow(/certificateArn/);
    expect(() =>
      build({
        domainName: 'carepool.example.org',
        certificateArn: 'arn:aws:acm:eu-west-2:123456789012:certificate/0a1b2c3d',
      }),
    ).toThrow(/us-east-1/);
    expect(() =>
      build({ webAclArn: 'arn:aws:wafv2:eu-west-2:123456789012:regional/webacl/carepool/0a1b2c3d' }),
    ).toThrow(/webAclArn/);
  });
});

describe('alerts on every money event', () => {
  it('streams new table items to the alerts function, filtered to ledger transfers', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(stack.alertsFunction) },
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: { NewImage: { entity: { S: ['transfer'] } } },
            }),
          },
        ],
      },
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack.alertsDeadLetterQueue), 'Arn'] } },
      },
    });
  });

  it('lets the alerts function read only its own stream, never invoke or read secrets', () => {
    const policies = Object.values(resources).filter(
      (r) =>
        r.Type === 'AWS::IAM::Policy' &&
        JSON.stringify(r.Properties?.Roles ?? []).includes(logicalId(stack.alertsFunction.role as never)),
    );
    const statements = policies.flatMap(
      (p) =>
        (
          (p.Properties?.PolicyDocument ?? { Statement: [] }) as {
            Statement: Array<{ Action: string | string[]; Resource: unknown }>;
          }
        ).Statement,
    );
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions).toContain('dynamodb:GetRecords');
    expect(actions.some((a) => a.startsWith('secretsmanager:') || a.startsWith('lambda:'))).toBe(false);
    const stream = statements.find((s) => JSON.stringify(s.Action).includes('dynamodb:GetRecords'));
    expect(JSON.stringify(stream?.Resource)).toContain('StreamArn');
  });

  it('schedules the nightly alert rules', () => {
    expect(JobName.options).toContain('alerts');
    expect(stack.jobSchedules.get('alerts')).toBeDefined();
  });
});
