import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type FunctionName, JobName } from '@carepool/contracts';
import { tableDefinition } from '@carepool/db';
import { roles } from '@carepool/domain';
import {
  Annotations,
  Aws,
  aws_certificatemanager as acm,
  aws_apigateway as apigateway,
  aws_apigatewayv2 as apigw,
  CfnOutput,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as cloudwatchActions,
  aws_cognito as cognito,
  Duration,
  aws_dynamodb as dynamodb,
  aws_iam as iam,
  aws_kms as kms,
  Lazy,
  aws_lambda as lambda,
  aws_lambda_event_sources as lambdaEventSources,
  aws_logs as logs,
  aws_lambda_nodejs as nodejs,
  RemovalPolicy,
  Stack,
  type StackProps,
  aws_scheduler as scheduler,
  aws_secretsmanager as secretsmanager,
  aws_sns as sns,
  aws_sns_subscriptions as snsSubscriptions,
  aws_sqs as sqs,
  Validations,
} from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Construct } from 'constructs';
import {
  alertsStreamFunctionName,
  authConfigFunction,
  type CognitoTriggerFunctionName,
  cognitoTriggerFunctions,
  type DataAccess,
  type DeployedFunctionName,
  type DeployedRoute,
  deployedFunctions,
  deployedRoutes,
  depositsWorkerFunctionName,
  dynamoActions,
  functionDataAccess,
  identityFunction,
  jobsFunctionName,
  paymentRailFunctions,
} from './deployed-routes.ts';
import { InvokeJob, type JobSchedule, jobSchedules } from './scheduled-jobs.ts';
import { vendoredStripe, vendoredStripeDir } from './vendor-stripe.ts';
import { WebHosting } from './web-hosting.ts';

/** The repository root: entries are bundled from `functions/src/entries/<name>.ts`. */
export const repoRoot = join(import.meta.dirname, '..', '..');

/**
 * The deployed bundles read AWS credentials from the environment only (see the replacement's
 * comment); bench/bundles.ts builds with the same alias.
 */
export const lambdaCredentials = {
  module: '@aws-sdk/credential-provider-node',
  replacement: join(repoRoot, 'functions', 'src', 'lambda', 'environment-credentials.ts'),
};

/** Runtime for every function: Node.js 24 (the project's pinned Node), on Graviton. */
export const lambdaRuntime = lambda.Runtime.NODEJS_24_X;
export const lambdaArchitecture = lambda.Architecture.ARM_64;

/** Alarm thresholds, per 5-minute period. */
export const alarmThresholds = {
  lambdaErrors: 5,
  lambdaThrottles: 1,
  api5xx: 5,
  dynamoThrottles: 1,
} as const;

/** Stage-wide request limits (per second): a ceiling on cost and abuse of the public routes. */
export const apiThrottle = { rateLimit: 50, burstLimit: 100 } as const;

/**
 * The hosted sign-in's domain prefix (`https://<prefix>.auth.<region>.amazoncognito.com`) unless
 * `-c authDomainPrefix=…` says otherwise. Prefixes are unique per region across all AWS accounts, so a
 * deployment whose prefix is taken fails on the domain and needs its own.
 */
export const defaultAuthDomainPrefix = 'carepool';

/** Where Cognito sends people back to, under the web app's URL (its router handles both paths). */
export const signInCallbackPath = '/signed-in';
export const signOutCallbackPath = '/signed-out';

/** Cognito waits at most 5 seconds for a trigger, then fails the sign-up or sign-in. */
export const cognitoTriggerTimeout = Duration.seconds(5);

/** The Cognito actions the identity function needs: accounts from invitations, and removals. */
export const signInManagementActions = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminUserGlobalSignOut',
] as const;

/** The jobs function runs longer than a request: a day's deposits for a whole council, say. */
export const jobsTimeout = Duration.minutes(5);

/** A batch of ten deposits is ten small transactions: a minute is ample. */
export const depositsWorkerTimeout = Duration.minutes(1);
/** Deliveries of one deposit message before it goes to the dead-letter queue. */
export const depositsMaxReceives = 5;

export interface CarepoolStackProps extends StackProps {
  /** Where alarm notifications go (an email subscription to the alarm topic); none if omitted. */
  alarmEmail?: string;
  /**
   * Comma-separated council ids (CAREPOOL_COUNCILS): the only councils whose scheduled deposits are
   * posted. If omitted, every council in the table is paid.
   */
  councils?: string;
  /**
   * The web app's https URL (CAREPOOL_PUBLIC_URL), for links the payment rail sends people back to; the
   * stack's own web URL (the custom domain, or the distribution's domain) if omitted.
   */
  publicUrl?: string;
  /** The built web app (a folder with index.html) to upload at deploy; the hosting is created empty if omitted. */
  webDist?: string;
  /** A custom domain for the web app; needs `certificateArn` (ACM, us-east-1). */
  domainName?: string;
  certificateArn?: string;
  /** A WAFv2 web ACL (CLOUDFRONT scope) to attach to the distribution. */
  webAclArn?: string;
  /** The hosted sign-in's domain prefix; `defaultAuthDomainPrefix` if omitted (and no `authDomainName`). */
  authDomainPrefix?: string;
  /**
   * A custom domain for the hosted sign-in instead of the prefix (`auth.carepool.example.org`); needs
   * `authCertificateArn` (ACM, us-east-1), and its parent domain must already resolve (an A record).
   */
  authDomainName?: string;
  authCertificateArn?: string;
  /**
   * The address invitations and Cognito's own emails (temporary passwords, verification codes) come
   * from (CAREPOOL_MAIL_FROM), in an SES identity verified in the stack's region. Without it Cognito
   * sends its own emails (50 a day) and invitations cannot be emailed.
   */
  mailFrom?: string;
  /** The SES identity `mailFrom` is verified under: its domain if omitted (or the address itself). */
  mailIdentity?: string;
  /**
   * Ship each function's source map and run it with `--enable-source-maps` (`-c sourceMaps=true`).
   * Off by default: the map is larger than the bundle, and Node reads it at every cold start.
   */
  sourceMaps?: boolean;
}

/**
 * Everything Carepool runs on in AWS: the one DynamoDB table, the Cognito user pool, the HTTP API built
 * from the route table, one Lambda function per bounded context, the web app on S3 and CloudFront (with
 * the API on the same origin), logs, and alarms.
 */
export class CarepoolStack extends Stack {
  readonly table: dynamodb.Table;
  readonly dataKey: kms.Key;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  /** The hosted sign-in (OAuth endpoints `/oauth2/authorize`, `/oauth2/token`, `/logout`). */
  readonly userPoolDomain: cognito.UserPoolDomain;
  /** Its base URL (`https://<prefix>.auth.<region>.amazoncognito.com`): CAREPOOL_AUTH_DOMAIN. */
  readonly authUrl: string;
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  /** The functions behind the API routes, one per bounded context. */
  readonly functions: ReadonlyMap<FunctionName, nodejs.NodejsFunction>;
  /** The scheduled-jobs function (no routes; EventBridge Scheduler invokes it). */
  readonly jobsFunction: nodejs.NodejsFunction;
  /** The user pool's pre sign-up and pre token generation triggers. */
  readonly cognitoTriggers: ReadonlyMap<CognitoTriggerFunctionName, nodejs.NodejsFunction>;
  readonly jobSchedules: ReadonlyMap<JobName, scheduler.Schedule>;
  readonly jobsScheduleRole: iam.Role;
  readonly jobsDeadLetterQueue: sqs.Queue;
  /** The alert rules, fed by the table's stream (DESIGN 3.8). */
  readonly alertsFunction: nodejs.NodejsFunction;
  /** Where stream batches the alerts function still failed on go (the jobs' dead-letter queue). */
  readonly alertsDeadLetterQueue: sqs.Queue;
  /** One message per person due a four-weekly deposit, sent by the daily deposits run. */
  readonly depositsQueue: sqs.Queue;
  /** Deposit messages still failing after `depositsMaxReceives` deliveries. */
  readonly depositsDeadLetterQueue: sqs.Queue;
  /** Posts the deposits the queue's messages name, reporting failures per message. */
  readonly depositsWorker: nodejs.NodejsFunction;
  /** Stripe keys (JSON); read by the payment-rail functions on first use through STRIPE_SECRET_ARN. */
  readonly stripeSecret: secretsmanager.Secret;
  readonly alarmTopic: sns.Topic;
  /** The web app: S3 bucket, CloudFront distribution (API under `/v1/*`), and its upload if built. */
  readonly web: WebHosting;
  /** Whether functions ship source maps (props.sourceMaps), and the environment that turns them on. */
  private readonly sourceMaps: boolean;
  private readonly sourceMapOptions: { NODE_OPTIONS?: string };

  constructor(scope: Construct, id: string, props: CarepoolStackProps = {}) {
    super(scope, id, props);
    this.sourceMaps = props.sourceMaps === true;
    this.sourceMapOptions = this.sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {};
    const councils = props.councils;
    if (councils !== undefined && !/^[a-z0-9-]+(,[a-z0-9-]+)*$/.test(councils))
      throw new Error(`councils must be comma-separated council ids (a-z, 0-9, -), got '${councils}'`);
    if (
      props.publicUrl !== undefined &&
      (!URL.canParse(props.publicUrl) || new URL(props.publicUrl).protocol !== 'https:')
    )
      throw new Error(`publicUrl must be an https URL, got '${props.publicUrl}'`);
    // The functions and the app client are created before the distribution they would otherwise point at.
    const publicUrl = props.publicUrl?.replace(/\/+$/, '') ?? Lazy.string({ produce: () => this.web.url });
    const authDomain = signInDomainOptions(this, props);
    const mail = mailOptions(props);
    if (!mail) {
      Annotations.of(this).addWarningV2(
        '@carepool/infra:mailFromMissing',
        'No mailFrom: invitations cannot be emailed and Cognito sends its own emails (50 a day). ' +
          'Deploy with -c mailFrom=no-reply@your.domain (an SES-verified identity in this region).',
      );
    }

    // ---- Keys -------------------------------------------------------------------------------------------
    this.dataKey = new kms.Key(this, 'DataKey', {
      alias: 'alias/carepool/data',
      description: 'Carepool: encrypts the DynamoDB table (people, budgets, providers, bookings)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const opsKey = new kms.Key(this, 'OpsKey', {
      alias: 'alias/carepool/ops',
      description: 'Carepool: encrypts CloudWatch log groups and the alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch Logs may use the key only for this account's log groups in this region.
    opsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsForThisAccountsLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncryptFrom',
          'kms:ReEncryptTo',
          'kms:GenerateDataKey',
          'kms:DescribeKey',
        ],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*`,
          },
        },
      }),
    );
    // CloudWatch alarms publish to the encrypted topic.
    opsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublishToEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );

    // ---- Table ------------------------------------------------------------------------------------------
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: tableDefinition.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: tableDefinition.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.dataKey,
      deletionProtection: true,
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
      // New items only: the alerts function reads each new ledger transfer (a money event).
      stream: dynamodb.StreamViewType.NEW_IMAGE,
    });
    for (const index of tableDefinition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    // ---- Cognito ----------------------------------------------------------------------------------------
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: 'carepool',
      // Providers and brokers sign themselves up; the pre sign-up trigger refuses every other role.
      // Councils' staff and holders get accounts by invitation (AdminCreateUser, below).
      selfSignUpEnabled: true,
      // The username is our user id (`usr_…`), so `cognito:username` names the user record; people
      // sign in with their email, an alias. (A pool made with email as the username must be
      // replaced to change this: Cognito cannot change it in place.)
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: true, mutable: true },
      },
      customAttributes: {
        // Mutable so administrators can move a person between councils; the app client cannot write them.
        councilId: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        personId: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      ...(mail
        ? {
            email: cognito.UserPoolEmail.withSES({
              fromEmail: mail.from,
              fromName: 'Carepool',
              ...mail.cognitoIdentity,
            }),
          }
        : {}),
      // Sent when an invitation is accepted (AdminCreateUser). The web URL only when given: the
      // distribution's own URL would make the pool depend on the distribution, which depends on it.
      userInvitation: {
        emailSubject: 'Your Carepool account',
        emailBody:
          `Your Carepool account is ready. Sign in${props.publicUrl ? ` at ${publicUrl}` : ''} with this ` +
          'email address (or the username {username}) and the temporary password {####}, then choose your ' +
          'own password. The temporary password works for 3 days.',
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // What threat protection does: a high-risk sign-in needs MFA (blocked if the user has none), a
    // medium-risk one needs MFA if set up; leaked passwords are refused.
    new cognito.CfnUserPoolRiskConfigurationAttachment(this, 'UserPoolRiskConfiguration', {
      userPoolId: this.userPool.userPoolId,
      clientId: 'ALL',
      accountTakeoverRiskConfiguration: {
        actions: {
          highAction: { eventAction: 'MFA_REQUIRED', notify: false },
          mediumAction: { eventAction: 'MFA_IF_CONFIGURED', notify: false },
          lowAction: { eventAction: 'NO_ACTION', notify: false },
        },
      },
      compromisedCredentialsRiskConfiguration: {
        actions: { eventAction: 'BLOCK' },
        eventFilter: ['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'],
      },
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is OPTIONAL (TOTP, no SMS) rather than REQUIRED: budget holders and their representatives include ' +
        'people for whom a second factor is a barrier to spending their own budget. Plus-plan threat ' +
        'protection (FULL_FUNCTION, risk configuration below) demands MFA for high-risk sign-ins and blocks ' +
        'leaked passwords; enforcing MFA for staff groups only needs a per-group check that pool-level ' +
        'settings cannot express, and is follow-up work.',
    });
    // Cognito only checks passwords: the triggers make sign-up write our user record (providers and
    // brokers only) and build every token from it. Table access only; they are not given the pool.
    const triggerEnvironment = {
      CAREPOOL_TABLE: this.table.tableName,
      POWERTOOLS_SERVICE_NAME: 'carepool',
      ...this.sourceMapOptions,
    };
    const trigger = (name: CognitoTriggerFunctionName, description: string) =>
      this.createFunction(name, {
        access: functionDataAccess[name],
        opsKey,
        environment: triggerEnvironment,
        description,
        timeout: cognitoTriggerTimeout,
      });
    const preSignUp = trigger(
      cognitoTriggerFunctions.preSignUp,
      'Carepool pre sign-up: only providers and brokers sign themselves up; writes their user record',
    );
    const preTokenGeneration = trigger(
      cognitoTriggerFunctions.preTokenGeneration,
      'Carepool pre token generation: roles, council and person in tokens come from the table',
    );
    this.userPool.addTrigger(cognito.UserPoolOperation.PRE_SIGN_UP, preSignUp);
    this.userPool.addTrigger(
      cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      preTokenGeneration,
      cognito.LambdaVersion.V2_0,
    );
    this.cognitoTriggers = new Map([
      [cognitoTriggerFunctions.preSignUp, preSignUp],
      [cognitoTriggerFunctions.preTokenGeneration, preTokenGeneration],
    ]);

    for (const [precedence, role] of roles.entries()) {
      new cognito.UserPoolGroup(this, `Group-${role}`, {
        userPool: this.userPool,
        groupName: role,
        description: `Carepool role: ${role}`,
        precedence,
      });
    }
    // Hosted sign-in: the web app sends people to Cognito's pages and gets an authorization code back.
    this.userPoolDomain = new cognito.UserPoolDomain(this, 'SignInDomain', {
      userPool: this.userPool,
      ...authDomain,
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });
    this.authUrl = this.userPoolDomain.baseUrl();
    // A public client (the browser keeps no secret): authorization code with PKCE only, never the implicit
    // flow (tokens in the URL); back to the web app only. Cognito has no switch that makes PKCE mandatory:
    // it checks the code_verifier whenever the authorize request carried a code_challenge, and the web app
    // always sends one (S256). SRP stays for direct sign-in from tools and tests.
    this.userPoolClient = new cognito.UserPoolClient(this, 'WebClient', {
      userPool: this.userPool,
      userPoolClientName: 'carepool-web',
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${publicUrl}${signInCallbackPath}`],
        logoutUrls: [`${publicUrl}${signOutCallbackPath}`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('councilId', 'personId'),
      // A signed-in user may change their own display name only: never their council or person id.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });
    const issuer = `https://cognito-idp.${Aws.REGION}.amazonaws.com/${this.userPool.userPoolId}`;

    // ---- Logs -------------------------------------------------------------------------------------------
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      encryptionKey: opsKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // ---- Payment-rail secret ------------------------------------------------------------------------------
    // Created with empty Stripe keys (so the deployed rail is the simulated one) and a random secret the
    // simulated rail signs its webhooks with; an operator fills in the Stripe keys (README-deploy.md).
    // Nothing secret is in the template or in any function's environment: only the secret's ARN.
    this.stripeSecret = new secretsmanager.Secret(this, 'StripeSecret', {
      description:
        'Carepool payment rail: STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET (empty = simulated rail). ' +
        'See infra/README-deploy.md.',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '' }),
        generateStringKey: 'SIMULATED_WEBHOOK_SECRET',
        excludePunctuation: true,
        passwordLength: 48,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.stripeSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret holds Stripe API keys and webhook signing secrets, which only Stripe can issue: they are ' +
        'rolled in the Stripe Dashboard (which can keep the old key valid for a grace period) and the new values ' +
        'put into this secret by an operator. A Secrets Manager rotation Lambda cannot create Stripe keys.',
    });

    // ---- Functions --------------------------------------------------------------------------------------
    const environment = {
      CAREPOOL_TABLE: this.table.tableName,
      ...(councils === undefined ? {} : { CAREPOOL_COUNCILS: councils }),
      CAREPOOL_PUBLIC_URL: publicUrl,
      // Every function builds the Cognito directory (functions/src/deps.ts); only the identity
      // function may call it (IAM below).
      CAREPOOL_USER_POOL_ID: this.userPool.userPoolId,
      ...(mail ? { CAREPOOL_MAIL_FROM: mail.from } : {}),
      POWERTOOLS_SERVICE_NAME: 'carepool',
      ...this.sourceMapOptions,
    };
    const functions = new Map<FunctionName, nodejs.NodejsFunction>();
    for (const name of deployedFunctions) {
      functions.set(
        name,
        this.createFunction(name, {
          access: functionDataAccess[name],
          opsKey,
          // Only the function behind GET /v1/auth/config reads the sign-in settings (not secrets).
          environment:
            name === authConfigFunction
              ? {
                  ...environment,
                  CAREPOOL_AUTH_DOMAIN: this.authUrl,
                  CAREPOOL_AUTH_CLIENT_ID: this.userPoolClient.userPoolClientId,
                }
              : environment,
          description: `Carepool ${name} context (routes from functions/src/routes.ts)`,
        }),
      );
    }
    this.functions = functions;
    const identity = functions.get(identityFunction);
    if (!identity) throw new Error(`The ${identityFunction} function is not deployed: no route names it`);
    // Accepting an invitation creates the Cognito user; removing a user disables it and revokes its
    // refresh tokens. This pool only, these actions only.
    identity.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ManageSignIns',
        actions: [...signInManagementActions],
        resources: [this.userPool.userPoolArn],
      }),
    );
    if (mail) {
      identity.addToRolePolicy(
        new iam.PolicyStatement({
          sid: 'SendInvitations',
          actions: ['ses:SendEmail'],
          resources: [`arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:identity/${mail.identity}`],
          conditions: { StringEquals: { 'ses:FromAddress': mail.from } },
        }),
      );
    }

    // ---- Scheduled jobs ---------------------------------------------------------------------------------
    // Undelivered schedule runs (after Scheduler's retries) and failed runs (after Lambda's two async
    // retries) both land here; an alarm fires on the first message. The messages are only `{"job": …}`
    // plus delivery metadata, so SQS-managed encryption is enough and no producer needs a KMS grant.
    this.jobsDeadLetterQueue = new sqs.Queue(this, 'JobsDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.jobsFunction = this.createFunction(jobsFunctionName, {
      access: functionDataAccess[jobsFunctionName],
      opsKey,
      environment,
      description: 'Carepool scheduled jobs, invoked by EventBridge Scheduler (infra/src/scheduled-jobs.ts)',
      timeout: jobsTimeout,
      deadLetterQueue: this.jobsDeadLetterQueue,
    });
    // ---- Alerts on every money event: the table's stream → the alerts function ------------------------
    // Failed batches (after retries and bisection) go to the jobs' dead-letter queue, whose alarm
    // fires on the first message; what lands there is the stream position, not the data.
    this.alertsDeadLetterQueue = this.jobsDeadLetterQueue;
    this.alertsFunction = this.createFunction(alertsStreamFunctionName, {
      access: functionDataAccess[alertsStreamFunctionName],
      opsKey,
      environment,
      description: 'Carepool alert rules on every money event, from the table stream (DESIGN 3.8)',
      timeout: Duration.minutes(1),
    });
    const streamArn = this.table.tableStreamArn;
    if (!streamArn) throw new Error('The table has no stream');
    // Written out rather than table.grantStreamRead, which adds dynamodb:ListStreams on "*": the
    // function reads this one stream, and decrypts it through DynamoDB only.
    this.alertsFunction.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ReadTableStream',
        actions: [
          'dynamodb:DescribeStream',
          'dynamodb:GetRecords',
          'dynamodb:GetShardIterator',
          'dynamodb:ListStreams',
        ],
        resources: [streamArn],
      }),
    );
    this.alertsFunction.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'AlertsDeadLetter',
        actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
        resources: [this.alertsDeadLetterQueue.queueArn],
      }),
    );
    new lambda.EventSourceMapping(this, 'AlertsStreamMapping', {
      target: this.alertsFunction,
      eventSourceArn: streamArn,
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(1),
      bisectBatchOnError: true,
      retryAttempts: 5,
      reportBatchItemFailures: true,
      onFailure: { bind: () => ({ destination: this.alertsDeadLetterQueue.queueArn }) },
      // Only new ledger transfers are money events; everything else never invokes the function.
      filters: [
        lambda.FilterCriteria.filter({
          eventName: lambda.FilterRule.isEqual('INSERT'),
          dynamodb: { NewImage: { entity: { S: lambda.FilterRule.isEqual('transfer') } } },
        }),
      ],
    });

    // ---- Four-weekly deposits: the daily run queues who is due, the worker posts each ---------------------
    // The messages name a council and a person (no money, no personal data), so SQS-managed
    // encryption is enough. A message that still fails after its deliveries lands in its own
    // dead-letter queue (alarmed below) for finance to look at; the rest of its batch is not retried.
    this.depositsDeadLetterQueue = new sqs.Queue(this, 'DepositsDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.depositsQueue = new sqs.Queue(this, 'DepositsQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice for a Lambda consumer: at least six times the function's timeout.
      visibilityTimeout: Duration.seconds(depositsWorkerTimeout.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.depositsDeadLetterQueue, maxReceiveCount: depositsMaxReceives },
    });
    this.depositsWorker = this.createFunction(depositsWorkerFunctionName, {
      access: functionDataAccess[depositsWorkerFunctionName],
      opsKey,
      environment,
      description:
        'Carepool four-weekly deposits, one per queue message (functions/src/jobs/deposit-worker.ts)',
      timeout: depositsWorkerTimeout,
    });
    this.depositsWorker.addEventSource(
      new lambdaEventSources.SqsEventSource(this.depositsQueue, {
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(1),
        // Only the messages that failed are retried (the worker returns batchItemFailures).
        reportBatchItemFailures: true,
        // Deposits share the council's funding account item: a few at a time keeps conflicts rare.
        maxConcurrency: 5,
      }),
    );
    this.depositsQueue.grantSendMessages(this.jobsFunction);
    this.jobsFunction.addEnvironment('CAREPOOL_DEPOSITS_QUEUE_URL', this.depositsQueue.queueUrl);

    const scheduleGroup = new scheduler.ScheduleGroup(this, 'JobsScheduleGroup', {
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Only schedules in this group (in this account) can use the role, and the role can do two things:
    // invoke the jobs function (that function, no version or alias) and dead-letter to the queue.
    this.jobsScheduleRole = new iam.Role(this, 'JobsScheduleRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': Aws.ACCOUNT_ID,
            'aws:SourceArn': scheduleGroup.scheduleGroupArn,
          },
        },
      }),
      description: 'Carepool: EventBridge Scheduler invokes the jobs function',
    });
    this.jobsScheduleRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'InvokeJobsFunction',
        actions: ['lambda:InvokeFunction'],
        resources: [this.jobsFunction.functionArn],
      }),
    );
    this.jobsScheduleRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'DeadLetterUndeliveredRuns',
        actions: ['sqs:SendMessage'],
        resources: [this.jobsDeadLetterQueue.queueArn],
      }),
    );
    const schedules = new Map<JobName, scheduler.Schedule>();
    for (const job of JobName.options) {
      const { expression, description, maxEventAge }: JobSchedule = jobSchedules[job];
      const schedule = new scheduler.Schedule(this, `${pascal(job)}Schedule`, {
        schedule: expression,
        description,
        scheduleGroup,
        timeWindow: scheduler.TimeWindow.off(),
        target: new InvokeJob({
          job,
          fn: this.jobsFunction,
          role: this.jobsScheduleRole,
          deadLetterQueueArn: this.jobsDeadLetterQueue.queueArn,
          maxEventAge,
        }),
      });
      // The group is referenced by its literal name (no implicit dependency) and the role's policy is
      // a separate resource: create both before any schedule can fire.
      schedule.node.addDependency(scheduleGroup, this.jobsScheduleRole);
      schedules.set(job, schedule);
    }
    this.jobSchedules = schedules;

    // ---- HTTP API ---------------------------------------------------------------------------------------
    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: 'carepool',
      description: 'Carepool HTTP API (routes generated from functions/src/routes.ts)',
      createDefaultStage: false,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: apiThrottle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        // HTTP API $context variables (one JSON line per request; no bodies, no tokens, no query strings).
        format: apigateway.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            integrationLatency: '$context.integrationLatency',
            responseLatency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
    const jwtAuthorizer = new HttpJwtAuthorizer('CognitoJwt', issuer, {
      authorizerName: 'cognito',
      jwtAudience: [this.userPoolClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
    const noAuthorizer = new apigw.HttpNoneAuthorizer();
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    for (const [name, fn] of functions) {
      integrations.set(name, new HttpLambdaIntegration(`${pascal(name)}Integration`, fn));
    }
    for (const route of deployedRoutes) {
      const integration = integrations.get(route.function);
      if (!integration) throw new Error(`No function deployed for route ${route.id} (${route.function})`);
      const [httpRoute] = this.api.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration,
        authorizer: authorizerFor(route, jwtAuthorizer, noAuthorizer),
      });
      const cfnRoute = httpRoute?.node.defaultChild;
      if (route.auth === 'public' && cfnRoute) {
        Validations.of(cfnRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            `${route.method} ${route.path} is public by design in the route table (auth: 'public'): finding ` +
            'support, reading provider profiles and the OpenAPI document must not need an account. It only ' +
            'reads published directory data; every route that changes data or reveals a person uses the JWT authorizer.',
        });
      }
      if (route.auth === 'signature' && cfnRoute) {
        Validations.of(cfnRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            `${route.method} ${route.path} is called by Stripe, which cannot present a Cognito token; the handler ` +
            'verifies the Stripe signature over the raw body (and de-duplicates event ids) before anything changes.',
        });
      }
    }

    // ---- Web app ----------------------------------------------------------------------------------------
    this.web = new WebHosting(this, 'Web', {
      api: this.api,
      logKey: opsKey,
      // The browser exchanges the authorization code (and refreshes tokens) at the hosted sign-in's
      // token endpoint, so the CSP lets it connect there.
      authOrigin: this.authUrl,
      ...(props.webDist ? { webDist: props.webDist } : {}),
      ...(props.domainName ? { domainName: props.domainName } : {}),
      ...(props.certificateArn ? { certificateArn: props.certificateArn } : {}),
      ...(props.webAclArn ? { webAclArn: props.webAclArn } : {}),
    });

    // ---- Alarms -----------------------------------------------------------------------------------------
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'Carepool alarms',
      masterKey: opsKey,
      enforceSSL: true,
    });
    if (props.alarmEmail) {
      this.alarmTopic.addSubscription(new snsSubscriptions.EmailSubscription(props.alarmEmail));
    }
    const alarmAction = new cloudwatchActions.SnsAction(this.alarmTopic);
    const period = Duration.minutes(5);
    const alarm = (id: string, metric: cloudwatch.IMetric, threshold: number, description: string) => {
      const created = new cloudwatch.Alarm(this, id, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(alarmAction);
      return created;
    };
    for (const [name, fn] of [
      ...functions,
      [jobsFunctionName, this.jobsFunction] as const,
      [alertsStreamFunctionName, this.alertsFunction] as const,
      [depositsWorkerFunctionName, this.depositsWorker] as const,
      ...this.cognitoTriggers,
    ]) {
      alarm(
        `${pascal(name)}ErrorsAlarm`,
        fn.metricErrors({ period, statistic: cloudwatch.Stats.SUM }),
        alarmThresholds.lambdaErrors,
        `The ${name} function failed ${alarmThresholds.lambdaErrors}+ times in 5 minutes`,
      );
      alarm(
        `${pascal(name)}ThrottlesAlarm`,
        fn.metricThrottles({ period, statistic: cloudwatch.Stats.SUM }),
        alarmThresholds.lambdaThrottles,
        `The ${name} function was throttled in the last 5 minutes`,
      );
    }
    alarm(
      'JobsDeadLettersAlarm',
      this.jobsDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period,
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      1,
      'A scheduled job was not delivered or failed after its retries: see the jobs dead-letter queue',
    );
    alarm(
      'DepositsDeadLettersAlarm',
      this.depositsDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period,
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      1,
      'A four-weekly deposit failed after its retries: see the deposits dead-letter queue',
    );
    alarm(
      'Api5xxAlarm',
      this.stage.metricServerError({ period, statistic: cloudwatch.Stats.SUM }),
      alarmThresholds.api5xx,
      `The API answered ${alarmThresholds.api5xx}+ server errors (5xx) in 5 minutes`,
    );
    alarm(
      'DynamoThrottlesAlarm',
      this.dynamoThrottles(period),
      alarmThresholds.dynamoThrottles,
      'DynamoDB throttled reads or writes on the table or one of its indexes in the last 5 minutes',
    );

    // ---- Outputs ----------------------------------------------------------------------------------------
    new CfnOutput(this, 'WebUrl', {
      value: this.web.url,
      description: 'The web app, and the API under /v1/',
    });
    new CfnOutput(this, 'DistributionDomainName', {
      value: this.web.distribution.distributionDomainName,
      description: "Point the custom domain's DNS here (CNAME, or a Route 53 alias)",
    });
    new CfnOutput(this, 'DistributionId', { value: this.web.distribution.distributionId });
    new CfnOutput(this, 'WebBucketName', { value: this.web.bucket.bucketName });
    new CfnOutput(this, 'ApiUrl', { value: this.stage.url });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'JwtIssuer', { value: issuer });
    new CfnOutput(this, 'AuthUrl', {
      value: this.authUrl,
      description: 'Hosted sign-in (CAREPOOL_AUTH_DOMAIN): /oauth2/authorize, /oauth2/token, /logout',
    });
    if (authDomain.customDomain) {
      new CfnOutput(this, 'AuthDomainTarget', {
        value: this.userPoolDomain.cloudFrontEndpoint,
        description: "Point the sign-in domain's DNS here (CNAME, or a Route 53 alias)",
      });
    }
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
    new CfnOutput(this, 'StripeSecretArn', { value: this.stripeSecret.secretArn });
    new CfnOutput(this, 'JobsFunctionName', { value: this.jobsFunction.functionName });
    new CfnOutput(this, 'JobsDeadLetterQueueUrl', { value: this.jobsDeadLetterQueue.queueUrl });
    new CfnOutput(this, 'DepositsDeadLetterQueueUrl', { value: this.depositsDeadLetterQueue.queueUrl });
  }

  /**
   * One Lambda function, with its own role, log group and table permissions; the payment-rail ones may
   * also read the Stripe secret.
   */
  private createFunction(
    name: DeployedFunctionName,
    options: {
      access: DataAccess;
      opsKey: kms.Key;
      environment: Record<string, string>;
      description: string;
      timeout?: Duration;
      /** For asynchronous invocations: where an event goes after Lambda's two retries. */
      deadLetterQueue?: sqs.IQueue;
    },
  ): nodejs.NodejsFunction {
    const { access, opsKey } = options;
    const id = pascal(name);
    const usesPaymentRail = paymentRailFunctions.includes(name);
    const entry = join(repoRoot, 'functions', 'src', 'entries', `${name}.ts`);
    if (!existsSync(entry))
      throw new Error(`Function '${name}' is deployed but its entry ${entry} does not exist`);

    const logGroup = new logs.LogGroup(this, `${id}Logs`, {
      retention: logs.RetentionDays.ONE_MONTH,
      encryptionKey: opsKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Our own role instead of the default one, which attaches the AWS managed AWSLambdaBasicExecutionRole
    // (logs:* on every log group). This one writes to its own log group only.
    const role = new iam.Role(this, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Carepool ${name} function`,
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogGroup',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );

    const fn = new nodejs.NodejsFunction(this, `${id}Function`, {
      entry,
      handler: 'handler',
      runtime: lambdaRuntime,
      architecture: lambdaArchitecture,
      memorySize: 512,
      timeout: options.timeout ?? Duration.seconds(10),
      role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: lambda.Tracing.ACTIVE,
      description: options.description,
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
      environment: {
        ...options.environment,
        // The ARN, never the keys: the function reads the secret once, on the rail's first use.
        ...(usesPaymentRail ? { STRIPE_SECRET_ARN: this.stripeSecret.secretArn } : {}),
      },
      ...(options.deadLetterQueue
        ? { deadLetterQueue: options.deadLetterQueue, retryAttempts: 2, maxEventAge: Duration.hours(1) }
        : {}),
      bundling: {
        forceDockerBundling: false,
        format: nodejs.OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: this.sourceMaps,
        ...(this.sourceMaps ? { sourcesContent: false } : {}),
        // Bundle the AWS SDK too: the version the tests ran against is the version that runs.
        bundleAwsSDK: true,
        mainFields: ['module', 'main'],
        // Lambda gives every function its credentials in the environment: the SDK's default chain
        // (profiles, SSO, web identity, with their STS and SSO clients) is never reached there.
        esbuildArgs: { [`--alias:${lambdaCredentials.module}`]: lambdaCredentials.replacement },
        // Some CommonJS dependencies call require(); give the ESM bundle one.
        banner:
          "import { createRequire as __carepoolCreateRequire } from 'node:module';const require = __carepoolCreateRequire(import.meta.url);",
        // The functions that move money load the Stripe SDK on first use, from a pre-bundled copy
        // beside their bundle (vendor-stripe.ts): it is not evaluated at cold start, nor shipped to
        // the functions without the payment rail.
        ...(usesPaymentRail
          ? {
              externalModules: [vendoredStripe],
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (_inputDir: string, outputDir: string) => [
                  `cp -R "${join(vendoredStripeDir(), 'node_modules')}" "${outputDir}/"`,
                ],
              },
            }
          : {}),
      },
    });

    const actions = dynamoActions(access);
    if (actions.length > 0) {
      role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'TableAccess',
          actions,
          resources: [
            this.table.tableArn,
            ...tableDefinition.globalSecondaryIndexes.map(
              (index) => `${this.table.tableArn}/index/${index.indexName}`,
            ),
          ],
        }),
      );
      role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'TableKey',
          actions:
            access === 'readWrite'
              ? [
                  'kms:Decrypt',
                  'kms:DescribeKey',
                  'kms:Encrypt',
                  'kms:GenerateDataKey',
                  'kms:ReEncryptFrom',
                  'kms:ReEncryptTo',
                ]
              : ['kms:Decrypt', 'kms:DescribeKey'],
          resources: [this.dataKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Aws.REGION}.amazonaws.com` } },
        }),
      );
    }

    if (usesPaymentRail) {
      role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'ReadStripeSecret',
          actions: ['secretsmanager:GetSecretValue'],
          resources: [this.stripeSecret.secretArn],
        }),
      );
    }

    // X-Ray accepts trace segments only on Resource "*"; CDK adds that statement for `tracing: ACTIVE`.
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        `The ${name} function's only wildcard is xray:PutTraceSegments/PutTelemetryRecords, added by Lambda ` +
        'active tracing: X-Ray has no resource-level permissions, so "*" is the only valid resource. Table, ' +
        'index, key and log permissions are all on exact ARNs.',
    });
    return fn;
  }

  /** Read and write throttle events on the table and each of its indexes, summed. */
  private dynamoThrottles(period: Duration): cloudwatch.IMetric {
    const usingMetrics: Record<string, cloudwatch.IMetric> = {};
    const metric = (metricName: string, index?: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: {
          TableName: this.table.tableName,
          ...(index ? { GlobalSecondaryIndexName: index } : {}),
        },
        statistic: cloudwatch.Stats.SUM,
        period,
      });
    usingMetrics.tableRead = metric('ReadThrottleEvents');
    usingMetrics.tableWrite = metric('WriteThrottleEvents');
    for (const index of tableDefinition.globalSecondaryIndexes) {
      usingMetrics[`${index.indexName}Read`] = metric('ReadThrottleEvents', index.indexName);
      usingMetrics[`${index.indexName}Write`] = metric('WriteThrottleEvents', index.indexName);
    }
    return new cloudwatch.MathExpression({
      // Throttle metrics are only published when throttling happens: FILL keeps the sum defined.
      expression: Object.keys(usingMetrics)
        .map((key) => `FILL(${key}, 0)`)
        .join(' + '),
      usingMetrics,
      period,
      label: 'DynamoDB throttle events (table and indexes)',
    });
  }
}

/**
 * Where emails come from: the address, the SES identity it is verified under (a domain, or the
 * address itself), and how Cognito is told which.
 */
function mailOptions(
  props: CarepoolStackProps,
): { from: string; identity: string; cognitoIdentity: { sesVerifiedDomain?: string } } | undefined {
  if (props.mailFrom === undefined) {
    if (props.mailIdentity !== undefined) throw new Error('mailIdentity needs mailFrom');
    return undefined;
  }
  const from = props.mailFrom;
  const address = /^[^\s@<>]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)$/i.exec(from);
  if (!address?.[1])
    throw new Error(`mailFrom must be an email address such as no-reply@carepool.example.org, got '${from}'`);
  const domain = address[1].toLowerCase();
  const identity = props.mailIdentity ?? domain;
  if (identity !== from && identity.toLowerCase() !== domain)
    throw new Error(
      `mailIdentity must be mailFrom's domain (${domain}) or mailFrom itself, got '${identity}'`,
    );
  return { from, identity, cognitoIdentity: identity === from ? {} : { sesVerifiedDomain: identity } };
}

/**
 * The hosted sign-in's domain: a custom domain if `authDomainName` (with its us-east-1 certificate) is
 * given, else a prefix of Cognito's own `auth.<region>.amazoncognito.com`.
 */
function signInDomainOptions(scope: Construct, props: CarepoolStackProps): cognito.UserPoolDomainOptions {
  if (props.authDomainName !== undefined || props.authCertificateArn !== undefined) {
    if (props.authDomainPrefix !== undefined)
      throw new Error('authDomainPrefix and authDomainName are alternatives: give one of them');
    if (!props.authDomainName || !/^([a-z0-9-]+\.)+[a-z]{2,}$/.test(props.authDomainName))
      throw new Error(
        `authDomainName must be a DNS name such as auth.carepool.example.org, got '${props.authDomainName}'`,
      );
    if (
      !props.authCertificateArn ||
      !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(props.authCertificateArn)
    )
      throw new Error(
        `authCertificateArn must be an ACM certificate in us-east-1 (Cognito custom domains only use those), got '${props.authCertificateArn}'`,
      );
    return {
      customDomain: {
        domainName: props.authDomainName,
        certificate: acm.Certificate.fromCertificateArn(scope, 'AuthCertificate', props.authCertificateArn),
      },
    };
  }
  const prefix = props.authDomainPrefix ?? defaultAuthDomainPrefix;
  // Cognito's rules: lowercase letters, digits and hyphens, 1–63 long, no hyphen at either end, and none of
  // the reserved words.
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix) || /aws|amazon|cognito/.test(prefix))
    throw new Error(
      `authDomainPrefix must be 1-63 lowercase letters, digits or inner hyphens, without 'aws', 'amazon' or 'cognito', got '${prefix}'`,
    );
  return { cognitoDomain: { domainPrefix: prefix } };
}

/** The API Gateway authorizer for a route's auth kind; a new kind is a type error until it is handled. */
function authorizerFor(
  route: DeployedRoute,
  jwt: apigw.IHttpRouteAuthorizer,
  none: apigw.IHttpRouteAuthorizer,
): apigw.IHttpRouteAuthorizer {
  const { auth, id } = route;
  switch (auth) {
    case 'jwt':
      return jwt;
    // Public directory reads need no identity; the Stripe webhook is authenticated by the handler,
    // which verifies the signature over the raw body (API Gateway cannot).
    case 'public':
    case 'signature':
      return none;
    default: {
      const unhandled: never = auth;
      throw new Error(`Route ${id} has an unknown auth kind: ${String(unhandled)}`);
    }
  }
}

function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
