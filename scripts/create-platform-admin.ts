/**
 * Makes a deployment's first platform administrator (README: Deploying to AWS):
 *
 *   CAREPOOL_TABLE=<TableName> CAREPOOL_USER_POOL_ID=<UserPoolId> AWS_REGION=<region> \
 *     npm run create-platform-admin -- --email pat@example.org --name "Pat Operator"
 *
 * Writes their user record (roles ['platform_admin']) and creates their Cognito user, which emails
 * them a temporary password. Uses your AWS credentials; safe to run again for the same person.
 */
import { parseArgs } from 'node:util';
import { createDocumentClient, DynamoAccountStore } from '@carepool/db';
import { systemClock } from '@carepool/domain';
import { CognitoIdentityDirectory, createPlatformAdmin } from '@carepool/identity-aws';
import { newId } from '../functions/src/deps.ts';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
const table = process.env.CAREPOOL_TABLE;
const userPoolId = process.env.CAREPOOL_USER_POOL_ID;
if (!table || !userPoolId) {
  console.error('Set CAREPOOL_TABLE and CAREPOOL_USER_POOL_ID (the stack outputs TableName and UserPoolId).');
  process.exit(2);
}
const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'eu-west-2';

try {
  const { user, created } = await createPlatformAdmin(
    {
      accounts: new DynamoAccountStore(
        createDocumentClient({ tableName: table, region }),
        table,
        systemClock,
      ),
      identity: new CognitoIdentityDirectory({ userPoolId, mailFrom: undefined, region }),
      clock: systemClock,
      newId,
    },
    { email: values.email ?? '', name: values.name ?? '' },
  );
  console.log(
    `${created ? 'Created' : 'Already there:'} ${user.userId} (${user.email}), platform_admin. ` +
      'Cognito has emailed them a temporary password; they sign in with their email address.',
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
