export { type CognitoDirectoryConfig, CognitoIdentityDirectory } from './cognito-directory.ts';
export { createPlatformAdmin, type PlatformAdminDeps } from './platform-admin.ts';
export { preSignUp, preTokenGeneration, type TriggerDeps } from './triggers.ts';
