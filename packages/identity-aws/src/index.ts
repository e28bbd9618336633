export { type CognitoDirectoryConfig, CognitoIdentityDirectory } from './cognito-directory.ts';
