import { preTokenGeneration } from '@carepool/identity-aws';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { triggerDeps } from '../cognito/trigger-deps.ts';

/** The user pool's pre token generation trigger (V2_0): every token is built from our table. */
export const handler = (event: PreTokenGenerationV2TriggerEvent) => preTokenGeneration(triggerDeps(), event);
