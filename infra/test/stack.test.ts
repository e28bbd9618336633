/**
 * The CDK app, synthesised once (with real esbuild bundling and the cdk-nag AwsSolutions pack) and
 * checked against the route table and the table definition it is built from.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobName, routeKey } from '@carepool/contracts';
import { tableDefinition } from '@carepool/db';
import { roles } from '@carepool/domain';
import { routeList } from '@carepool/functions/routes';
import type { App, CfnResource } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/build-app.ts';
import {
  type DeployedFunctionName,
  deployedFunctions,
  deployedRoutes,
  dynamoActions,
  functionDataAccess,
  jobsFunctionName,
  localOnlyRoutes,
  paymentRailFunctions,
} from '../src/deployed-routes.ts';
import { jobSchedules, scheduleRetryAttempts } from '../src/scheduled-jobs.ts';
import { type CarepoolStack, defaultCouncils, placeholderPublicUrl } from '../src/stack.ts';

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

/** Every function the stack deploys: one per bounded context the routes use, and the jobs function. */
function allFunctions(): [DeployedFunctionName, (typeof stack)['jobsFunction']][] {
  return [...stack.functions, [jobsFunctionName, stack.jobsFunction]];
}

/** The statements of the policies attached to a role (by its logical id). */
function roleStatements(roleId: string): Statement[] {
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Properties?.Roles).includes(`"${roleId}"`))
    .flatMap(
      ([, policy]) =>
        (policy.Properties?.PolicyDocument as { Statement: Statement[] } | undefined)?.Statement ?? [],
    );
}

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'carepool-cdk-'));
  ({ app, stack } = buildApp({ outdir }));
  try {
    app.synth();
  } catch (error) {
    synthError = error;
    // cdk-nag failed the synth (its test reports why): synthesise again without failing, so the other
    // tests still check the template rather than all failing on a missing one.
    rmSync(outdir, { recursive: true, force: true });
    ({ app, stack } = buildApp({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } }));
  }
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Resource>;
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
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
    expect([...new Set(acknowledged.values())].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-COG2',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-SMG4',
    ]);
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
  it('deploys one Node.js 24 arm64 function per function the deployed routes use, and the jobs function', () => {
    expect(ofType('AWS::Lambda::Function')).toHaveLength(deployedFunctions.length + 1);
    expect([...stack.functions.keys()]).toEqual([...deployedFunctions]);
    expect(deployedFunctions).not.toContain('dev');
    expect(allFunctions().map(([name]) => name)).toContain('jobs');
    for (const [name, fn] of allFunctions()) {
      const props = resources[logicalId(fn)]?.Properties ?? {};
      expect(props.Runtime, name).toBe('nodejs24.x');
      expect(props.Architectures, name).toEqual(['arm64']);
      expect(props.Handler, name).toBe('index.handler');
      expect(props.TracingConfig, name).toEqual({ Mode: 'Active' });
      expect(props.Environment, name).toMatchObject({
        Variables: {
          CAREPOOL_TABLE: { Ref: logicalId(stack.table) },
          CAREPOOL_COUNCILS: defaultCouncils,
          CAREPOOL_PUBLIC_URL: placeholderPublicUrl,
          POWERTOOLS_SERVICE_NAME: 'carepool',
        },
      });
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
      expect(dynamo.sort(), name).toEqual(dynamoActions(functionDataAccess[name]).sort());
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

describe('deployment settings from context', () => {
  // No bundling for stacks built only to read their settings.
  const build = (context: Record<string, string>) =>
    buildApp({ context: { 'aws:cdk:bundling-stacks': [], ...context } }).stack;

  it('passes -c councils and -c publicUrl to every function', () => {
    const custom = build({
      councils: 'north-dales,south-vale',
      publicUrl: 'https://carepool.north-dales.gov.uk',
    });
    const functions = Template.fromStack(custom).findResources('AWS::Lambda::Function');
    expect(Object.keys(functions)).toHaveLength(deployedFunctions.length + 1);
    for (const fn of Object.values(functions)) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        CAREPOOL_COUNCILS: 'north-dales,south-vale',
        CAREPOOL_PUBLIC_URL: 'https://carepool.north-dales.gov.uk',
      });
    }
  });

  it('refuses malformed councils and non-https public URLs', () => {
    expect(() => build({ councils: 'North Dales' })).toThrow(/councils/);
    expect(() => build({ publicUrl: 'http://carepool.example.org' })).toThrow(/publicUrl/);
  });
});

describe('Cognito', () => {
  it('has a group per role, the custom claims the handlers read, and a strong password policy', () => {
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, group]) => group.Properties?.GroupName);
    expect(groups.sort()).toEqual([...roles].sort());
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
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
    expect(alarms).toHaveLength(functionCount * 2 + 3);
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
