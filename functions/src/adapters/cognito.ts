import { CognitoIdentityDirectory } from '@carepool/identity-aws';
import type { Adapters } from '../deps.ts';

/** Cognito sign-in and SES email: registered only by the identity function's entry (and the local runtime). */
export const cognito: NonNullable<Adapters['cognito']> = (env) =>
  new CognitoIdentityDirectory({
    userPoolId: env.CAREPOOL_USER_POOL_ID ?? '',
    mailFrom: env.CAREPOOL_MAIL_FROM,
    region: env.AWS_REGION,
  });
