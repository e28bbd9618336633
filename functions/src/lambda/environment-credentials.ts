/**
 * Replaces `@aws-sdk/credential-provider-node` in the deployed bundles only (an esbuild alias set in
 * infra/src/stack.ts and bench/bundles.ts). Lambda always gives a function its role's credentials in
 * these three environment variables, so the SDK's default chain (profiles, SSO, web identity, the
 * instance metadata service, with the STS and SSO clients they bring: about 90 KB) is never
 * reached there. Tests and the local runtime use the SDK's own chain.
 */
export const defaultProvider = () => async () => {
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new Error('No AWS credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)');
  }
  const sessionToken = process.env.AWS_SESSION_TOKEN;
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
};
