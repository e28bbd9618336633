import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CarepoolStack, repoRoot } from './stack.ts';
import { resolveWebDist } from './web-hosting.ts';

export interface BuildAppOptions {
  /** Cloud assembly directory; the CDK CLI passes its own through CDK_OUTDIR. */
  outdir?: string;
  /** Extra context (tests use it; the CLI passes `-c key=value` through the environment). */
  context?: AppProps['context'];
}

/**
 * The Carepool CDK app: one stack, checked by cdk-nag's AwsSolutions pack at synth. cdk-nag 3 is a
 * policy-validation plugin: any unacknowledged finding fails `app.synth()` (and `cdk synth`).
 */
export function buildApp(options: BuildAppOptions = {}): { app: App; stack: CarepoolStack } {
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    ...(options.context ? { context: options.context } : {}),
    // No AWS::CDK::Metadata resource: nothing about this app is reported anywhere.
    analyticsReporting: false,
  });
  const alarmEmail = app.node.tryGetContext('alarmEmail') as string | undefined;
  // `-c councils=north-dales,south-vale` and `-c publicUrl=https://…`: defaults in stack.ts.
  const councils = app.node.tryGetContext('councils') as string | undefined;
  const publicUrl = app.node.tryGetContext('publicUrl') as string | undefined;
  // `-c webDist=path|none`: the web app build to upload; `web/dist` if it exists (npm run build:web).
  const webDist = resolveWebDist(app.node.tryGetContext('webDist') as string | undefined, repoRoot);
  // `-c domainName=… -c certificateArn=…` (ACM, us-east-1) and `-c webAclArn=…` for the distribution.
  const domainName = app.node.tryGetContext('domainName') as string | undefined;
  const certificateArn = app.node.tryGetContext('certificateArn') as string | undefined;
  const webAclArn = app.node.tryGetContext('webAclArn') as string | undefined;
  // `-c authDomainPrefix=…` (hosted sign-in at <prefix>.auth.<region>.amazoncognito.com), or a custom
  // sign-in domain with `-c authDomainName=… -c authCertificateArn=…` (ACM, us-east-1).
  const authDomainPrefix = app.node.tryGetContext('authDomainPrefix') as string | undefined;
  const authDomainName = app.node.tryGetContext('authDomainName') as string | undefined;
  const authCertificateArn = app.node.tryGetContext('authCertificateArn') as string | undefined;
  // `-c mailFrom=no-reply@carepool.example.org` (SES-verified in the region; `-c mailIdentity=…` if
  // the verified identity is the address itself rather than its domain).
  const mailFrom = app.node.tryGetContext('mailFrom') as string | undefined;
  const mailIdentity = app.node.tryGetContext('mailIdentity') as string | undefined;
  // `-c sourceMaps=true` ships source maps (a string from the CLI, a boolean from tests).
  const sourceMaps = String(app.node.tryGetContext('sourceMaps') ?? 'false') === 'true';
  // `-c region=…` wins; otherwise the CLI's region (from the AWS profile); otherwise London.
  const region =
    (app.node.tryGetContext('region') as string | undefined) ?? process.env.CDK_DEFAULT_REGION ?? 'eu-west-2';
  const stack = new CarepoolStack(app, 'Carepool', {
    description: 'Carepool: personal-budget marketplace (web app, API, functions, table, user pool, alarms)',
    env: {
      account: process.env.CDK_DEFAULT_ACCOUNT,
      region,
    },
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(councils ? { councils } : {}),
    ...(publicUrl ? { publicUrl } : {}),
    ...(webDist ? { webDist } : {}),
    ...(domainName ? { domainName } : {}),
    ...(certificateArn ? { certificateArn } : {}),
    ...(webAclArn ? { webAclArn } : {}),
    ...(authDomainPrefix ? { authDomainPrefix } : {}),
    ...(authDomainName ? { authDomainName } : {}),
    ...(authCertificateArn ? { authCertificateArn } : {}),
    ...(mailFrom ? { mailFrom } : {}),
    ...(mailIdentity ? { mailIdentity } : {}),
    ...(sourceMaps ? { sourceMaps } : {}),
    tags: { project: 'carepool' },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
  return { app, stack };
}
