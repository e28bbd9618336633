export { type CognitoDirectoryConfig, CognitoIdentityDirectory } from './cognito-directory.ts';
export { preSignUp, preTokenGeneration, type TriggerDeps } from './triggers.ts';
