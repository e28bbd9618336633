import { preSignUp } from '@carepool/identity-aws';
import type { PreSignUpTriggerEvent } from 'aws-lambda';
import { triggerDeps } from '../cognito/trigger-deps.ts';

/** The user pool's pre sign-up trigger: only providers and brokers sign themselves up. */
export const handler = (event: PreSignUpTriggerEvent) => preSignUp(triggerDeps(), event);
