import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CarepoolStack } from './stack.ts';

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
  // `-c region=…` wins; otherwise the CLI's region (from the AWS profile); otherwise London.
  const region =
    (app.node.tryGetContext('region') as string | undefined) ?? process.env.CDK_DEFAULT_REGION ?? 'eu-west-2';
  const stack = new CarepoolStack(app, 'Carepool', {
    description: 'Carepool: personal-budget marketplace (API, functions, table, user pool, alarms)',
    env: {
      account: process.env.CDK_DEFAULT_ACCOUNT,
      region,
    },
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(councils ? { councils } : {}),
    ...(publicUrl ? { publicUrl } : {}),
    tags: { project: 'carepool' },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
  return { app, stack };
}
