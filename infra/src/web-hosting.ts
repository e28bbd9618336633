import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { webPathPattern, webPaths } from '@carepool/contracts';
import type { aws_apigatewayv2 as apigw } from 'aws-cdk-lib';
import {
  Annotations,
  aws_certificatemanager as acm,
  aws_cloudfront as cloudfront,
  Duration,
  aws_iam as iam,
  type aws_kms as kms,
  aws_lambda as lambda,
  aws_logs as logs,
  aws_cloudfront_origins as origins,
  RemovalPolicy,
  Stack,
  aws_s3 as s3,
  aws_s3_assets as s3Assets,
  aws_s3_deployment as s3Deployment,
  Validations,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** The web app's build, relative to the repository root, deployed when it exists at synth. */
export const defaultWebDist = 'web/dist';

/** How long CloudFront and S3 access logs are kept (the API's access logs keep three months too). */
export const webLogRetention = Duration.days(90);

/** How long a replaced or deleted object in the web bucket stays recoverable. */
export const webNoncurrentVersionRetention = Duration.days(30);

/** Cache-Control for Vite's content-hashed files under `assets/`: a new build gets new names. */
export const hashedAssetCacheControl = 'public, max-age=31536000, immutable';
/** Cache-Control for everything else (index.html): always revalidate, so a deploy shows at once. */
export const shellCacheControl = 'no-cache';

/**
 * The Content-Security-Policy of every response. The API is served from the same origin (`/v1/*` is a
 * behaviour of the same distribution), so 'self' is the API's origin too: the app calls it with relative
 * URLs. The only other origin it may connect to is the hosted sign-in (`authOrigin`, if given), whose
 * token endpoint the browser POSTs the authorization code to; reaching its sign-in and sign-out pages is a
 * top-level navigation, which `connect-src` and `form-action` do not govern. `data:` images are for the
 * empty favicon (`<link rel="icon" href="data:,">`).
 */
export function contentSecurityPolicy(authOrigin?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    ['connect-src', "'self'", ...(authOrigin ? [authOrigin] : [])].join(' '),
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/**
 * The API reference under `/docs/` only. Redoc, the renderer, styles itself with inline `<style>`
 * tags and runs its search in a worker made from a blob, so these pages alone allow inline styles
 * and blob workers; scripts are still only our own files, and nothing else is relaxed.
 */
export function docsContentSecurityPolicy(): string {
  return contentSecurityPolicy()
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("img-src 'self' data:", "img-src 'self' data:; worker-src 'self' blob:");
}

/** HSTS max-age: two years (the preload list's minimum is one). */
export const hstsMaxAge = Duration.days(730);

/** The web app's security headers as name and value: the behaviour's policy sets the same. */
export function appSecurityHeaders(authOrigin?: string): Record<string, string> {
  return {
    'Strict-Transport-Security': `max-age=${hstsMaxAge.toSeconds()}; includeSubDomains`,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
    'Content-Security-Policy': contentSecurityPolicy(authOrigin),
    'X-XSS-Protection': '0',
    'Permissions-Policy': permissionsPolicy,
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

const permissionsPolicy = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

/**
 * The body of the 404 for an address the app does not know when no build is deployed with the stack
 * (with one, it is the app's own shell, which draws the app's "Page not found").
 */
export const plainNotFoundPage =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page not found - Carepool</title></head>' +
  '<body><h1>Page not found</h1><p>If you typed the web address, check it is correct.</p>' +
  '<p><a href="/">Go to the Carepool home page</a></p></body></html>';

/**
 * CloudFront Function (viewer request, on the app and the API reference): made from the same list of
 * page paths as the local server (`@carepool/contracts` web-paths), so both answer alike.
 *
 * - A page of the app (`/orders/ord_1`) gets the app shell, `/index.html`, and the app's router draws it.
 * - A file (`/assets/index-abc123.js`: the last segment has an extension) goes to the bucket unchanged.
 * - `/docs` is sent to `/docs/`, whose page is `/docs/index.html`.
 * - Anything else is answered here with HTTP 404 and `notFoundBody` (the app shell, which shows the app's
 *   "Page not found"), so a mistyped address is not a 200.
 *
 * The 404 is made here rather than by a custom error response: those apply to every behaviour of a
 * distribution, so they would also turn the API's own 403 and 404 problem documents under `/v1/*` into
 * the web page. A response a viewer-request function makes itself comes from neither the cache nor the
 * origin, so it carries `securityHeaders` (the same as the behaviour's policy) rather than trusting the
 * policy to add them.
 */
export function spaRoutingFunctionCode(
  notFoundBody: string = plainNotFoundPage,
  securityHeaders: Record<string, string> = appSecurityHeaders(),
): string {
  const extra = Object.entries(securityHeaders)
    .map(
      ([name, value]) =>
        `,\n      ${JSON.stringify(name.toLowerCase())}: { value: ${JSON.stringify(value)} }`,
    )
    .join('');
  const patterns = webPaths.map((path) => webPathPattern(path).toString()).join(',\n  ');
  return `var pages = [
  ${patterns}
];
var notFoundBody = ${JSON.stringify(notFoundBody)};
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/docs') {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: '/docs/' } } };
  }
  if (uri === '/docs/') {
    request.uri = '/docs/index.html';
    return request;
  }
  for (var i = 0; i < pages.length; i++) {
    if (pages[i].test(uri)) {
      request.uri = '/index.html';
      return request;
    }
  }
  if (uri.lastIndexOf('.') > uri.lastIndexOf('/')) return request;
  return {
    statusCode: 404,
    statusDescription: 'Not Found',
    headers: {
      'content-type': { value: 'text/html; charset=utf-8' },
      'cache-control': { value: 'no-cache' }${extra}
    },
    body: notFoundBody
  };
}
`;
}

/**
 * Where the web app's build is, from `-c webDist=…` (relative to `root`, or absolute): `none` deploys no
 * content; no value means `web/dist` if it has been built (`npm run build:web`), else no content. A path
 * that was asked for but has no index.html is an error.
 */
export function resolveWebDist(value: string | undefined, root: string): string | undefined {
  if (value === 'none') return undefined;
  const dir = resolve(root, value ?? defaultWebDist);
  if (existsSync(join(dir, 'index.html'))) return dir;
  if (value !== undefined)
    throw new Error(`webDist: no index.html in ${dir}; build the web app first (npm run build:web)`);
  return undefined;
}

export interface WebHostingProps {
  /** The HTTP API, served under `/v1/*` of the same distribution. */
  api: apigw.IHttpApi;
  /** The built web app (a folder with index.html) to upload at deploy; nothing is uploaded if omitted. */
  webDist?: string;
  /** A custom domain name for the distribution; needs `certificateArn`. */
  domainName?: string;
  /** An ACM certificate in us-east-1 covering `domainName`. */
  certificateArn?: string;
  /** A WAFv2 web ACL (CLOUDFRONT scope, so in us-east-1) to attach to the distribution. */
  webAclArn?: string;
  /** Encrypts the upload function's log group (the stack's ops key). */
  logKey: kms.IKey;
  /** The hosted sign-in's origin (`https://…`), which the web app may connect to (the token endpoint). */
  authOrigin?: string;
}

/**
 * The web app: a private, versioned S3 bucket behind a CloudFront distribution with origin access control,
 * security headers on every response, and the HTTP API on the same origin under `/v1/*`.
 */
export class WebHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly responseHeadersPolicy: cloudfront.ResponseHeadersPolicy;
  readonly spaRouting: cloudfront.Function;
  /** Headers for /docs/* only: the API reference's renderer needs inline styles. */
  readonly docsHeadersPolicy: cloudfront.ResponseHeadersPolicy;
  /** The web app's URL: https and the custom domain, or the distribution's own domain. */
  readonly url: string;
  /** The uploads of the build (hashed assets first, then index.html), if a build was given. */
  readonly deployments: s3Deployment.BucketDeployment[] = [];
  /** The upload function's role (exact resources only), if a build was given. */
  readonly deployRole?: iam.Role;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    if (props.domainName !== undefined || props.certificateArn !== undefined) {
      if (!props.domainName || !/^([a-z0-9-]+\.)+[a-z]{2,}$/.test(props.domainName))
        throw new Error(
          `domainName must be a DNS name such as carepool.example.org, got '${props.domainName}'`,
        );
      if (
        !props.certificateArn ||
        !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(props.certificateArn)
      )
        throw new Error(
          `certificateArn must be an ACM certificate in us-east-1 (CloudFront only uses those), got '${props.certificateArn}'`,
        );
    }
    if (
      props.webAclArn !== undefined &&
      !/^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/.+$/.test(props.webAclArn)
    )
      throw new Error(`webAclArn must be a WAFv2 web ACL with CLOUDFRONT scope, got '${props.webAclArn}'`);

    // ---- Buckets ----------------------------------------------------------------------------------------
    // S3 server access logs are delivered under a bucket policy (logging.s3.amazonaws.com, this bucket
    // and account only) rather than the deprecated LogDeliveryWrite canned ACL.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    // CloudFront standard logs are delivered with an ACL grant, so this bucket keeps ACLs (bucket owner
    // preferred); nothing public, TLS only, expiring after the retention period.
    this.logBucket = new s3.Bucket(this, 'LogBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [
        {
          id: 'ExpireLogs',
          expiration: webLogRetention,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the access-log bucket itself (the web bucket and CloudFront log here). Logging it into itself ' +
        'would log every log delivery, and a further bucket would only move the same finding there; it is ' +
        'private, TLS-only, and its objects expire after 90 days.',
    });

    // Private: only CloudFront (origin access control, this distribution only) reads it; no ACLs, no website.
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'web-bucket/',
      lifecycleRules: [
        {
          id: 'ExpireReplacedVersions',
          noncurrentVersionExpiration: webNoncurrentVersionRetention,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      // The content is rebuilt from the repository; retained anyway, like the stack's other data.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // ---- Behaviours -------------------------------------------------------------------------------------
    this.responseHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Carepool: security headers on every response (web app and API)',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: hstsMaxAge, includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.SAME_ORIGIN, override: true },
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(props.authOrigin),
          override: true,
        },
        // The legacy XSS auditor is off (its "block" mode is itself a leak); the CSP is the protection.
        xssProtection: { protection: false, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          {
            header: 'Permissions-Policy',
            value: permissionsPolicy,
            override: true,
          },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
    });
    this.docsHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'DocsSecurityHeaders', {
      comment: 'Carepool: security headers for the API reference under /docs/ (inline styles for Redoc)',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: hstsMaxAge, includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.SAME_ORIGIN, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: docsContentSecurityPolicy(), override: true },
        xssProtection: { protection: false, override: true },
      },
    });
    this.spaRouting = new cloudfront.Function(this, 'SpaRouting', {
      comment: 'Carepool: app pages get the app shell, /index.html; unknown addresses a 404',
      code: cloudfront.FunctionCode.fromInline(
        spaRoutingFunctionCode(
          props.webDist ? readFileSync(join(props.webDist, 'index.html'), 'utf8') : undefined,
          appSecurityHeaders(props.authOrigin),
        ),
      ),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
    });
    // API Gateway answers only to its own Host name, so every viewer header but Host is forwarded; with
    // caching disabled that includes Authorization (CloudFront refuses Authorization in a cache key or an
    // origin request policy otherwise). Query strings and cookies go through too.
    const apiOrigin = new origins.HttpOrigin(
      `${props.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`,
      {
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      },
    );

    const certificate = props.certificateArn
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)
      : undefined;
    // One origin for the app and the API reference, so the bucket grants one distribution one reader.
    const webOrigin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket);
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Carepool web app, and the API under /v1/*',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: webOrigin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeadersPolicy,
        compress: true,
        functionAssociations: [
          { function: this.spaRouting, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
      },
      additionalBehaviors: {
        // The API reference (built into web/dist/docs): the same files, its own headers.
        '/docs/*': {
          origin: webOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: this.docsHeadersPolicy,
          compress: true,
          functionAssociations: [
            { function: this.spaRouting, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
          ],
        },
        '/v1/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: this.responseHeadersPolicy,
        },
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // Europe and North America edge locations: the service is for people in the UK.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableIpv6: true,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      logIncludesCookies: false,
      ...(certificate && props.domainName
        ? {
            certificate,
            domainNames: [props.domainName],
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            sslSupportMethod: cloudfront.SSLMethod.SNI,
          }
        : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    });
    this.url = `https://${props.domainName ?? this.distribution.distributionDomainName}`;

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: this is a UK public service, but budget holders, representatives and care staff ' +
        'legitimately use it from abroad (holidays, family, cross-border care), and blocking countries would ' +
        'not protect anything the sign-in and API authorization do not already.',
    });
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF by default: a CloudFront web ACL must live in us-east-1 (a second stack) and costs a monthly ' +
          'fee per ACL and rule. The API stage is throttled (50 rps, burst 100), Cognito threat protection ' +
          'guards sign-in, and the bucket serves static files only. `-c webAclArn=…` attaches an existing ACL.',
      });
    }
    if (!certificate) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          "Without a custom domain the distribution uses CloudFront's default *.cloudfront.net certificate, " +
          'for which CloudFront fixes the viewer security policy at TLSv1 and ignores a minimum protocol ' +
          'version. With `-c domainName=… -c certificateArn=…` the policy is TLSv1.2_2021 and this does not apply.',
      });
    }

    // ---- Content ----------------------------------------------------------------------------------------
    if (!props.webDist) {
      Annotations.of(this).addWarningV2(
        '@carepool/infra:webDistMissing',
        'No web app build was found (web/dist), or -c webDist=none: the bucket and distribution are created ' +
          'empty. Run `npm run build:web` before synth/deploy to upload it, or upload it yourself (infra/README-deploy.md).',
      );
      return;
    }
    const build = new s3Assets.Asset(this, 'Build', { path: props.webDist });
    const handlerLogs = new logs.LogGroup(this, 'DeployLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The upload function's own role, instead of the one BucketDeployment would make (AWS managed
    // AWSLambdaBasicExecutionRole, s3:GetObject*/List*/DeleteObject* on both buckets, CloudFront
    // invalidations on "*"). It is passed in without policy updates, so those grants are dropped and these
    // statements are all it has: read this build's zip, sync into the web bucket, invalidate this
    // distribution, write its own log group.
    const deployRole = new iam.Role(this, 'DeployRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Carepool: uploads the web app build to the web bucket (aws-s3-deployment)',
    });
    this.deployRole = deployRole;
    deployRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadWebBuild',
        actions: ['s3:GetObject'],
        resources: [build.bucket.arnForObjects(build.s3ObjectKey)],
      }),
    );
    deployRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ListWebBucket',
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
      }),
    );
    const objects = new iam.PolicyStatement({
      sid: 'WriteWebObjects',
      actions: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:PutObject'],
      resources: [this.bucket.arnForObjects('*')],
    });
    deployRole.addToPolicy(objects);
    deployRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'InvalidateDistribution',
        actions: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'],
        resources: [this.distribution.distributionArn],
      }),
    );
    deployRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogGroup',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [handlerLogs.logGroupArn],
      }),
    );
    Validations.of(deployRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*]`,
      reason:
        'The upload function syncs the build into the web bucket (aws s3 sync --delete), so it may put and ' +
        'delete any object key in that one bucket: the keys are the build output, not known to IAM in advance. ' +
        'Every other permission is on an exact ARN (the build zip, the bucket, the distribution, its log group).',
    });

    const role = deployRole.withoutPolicyUpdates();
    const source = s3Deployment.Source.bucket(build.bucket, build.s3ObjectKey);
    // Hashed assets first (kept when a later build no longer has them, so pages already open still load),
    // then everything else with index.html (pruned), then an invalidation so the new shell shows at once.
    const assets = new s3Deployment.BucketDeployment(this, 'DeployAssets', {
      sources: [source],
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: ['assets/*'],
      prune: false,
      cacheControl: [s3Deployment.CacheControl.fromString(hashedAssetCacheControl)],
      role,
      logGroup: handlerLogs,
    });
    const shell = new s3Deployment.BucketDeployment(this, 'DeployShell', {
      sources: [source],
      destinationBucket: this.bucket,
      exclude: ['assets/*'],
      prune: true,
      cacheControl: [s3Deployment.CacheControl.fromString(shellCacheControl)],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      role,
      logGroup: handlerLogs,
    });
    shell.node.addDependency(assets);
    // The role's policy is a separate resource that CDK no longer links to the function: create it first.
    for (const deployment of [assets, shell]) deployment.node.addDependency(deployRole);
    this.deployments.push(assets, shell);

    const handler = stack.node.children.find(
      (child): child is lambda.Function =>
        child instanceof lambda.Function && child.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (!handler) throw new Error('aws-s3-deployment created no upload function where expected');
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The upload function is aws-s3-deployment’s own handler from aws-cdk-lib (Python with the AWS CLI ' +
        'layer); its runtime is chosen by aws-cdk-lib and moves with it. It runs only during deployments, ' +
        'never for users.',
    });
  }
}
