import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { IdentityDirectory, OutboundMessage, UserRecord } from '@carepool/domain';

export interface CognitoDirectoryConfig {
  userPoolId: string;
  /**
   * The address invitations come from (CAREPOOL_MAIL_FROM), in an SES-verified identity. Without
   * one, sign-in still works but invitations cannot be emailed: `send` says so.
   */
  mailFrom: string | undefined;
  region?: string;
  /** Tests pass clients with their own request handler; otherwise built from `region`. */
  cognito?: CognitoIdentityProviderClient;
  ses?: SESv2Client;
}

/**
 * Sign-in in AWS: a Cognito user whose username is our user id, so `cognito:username` in a token
 * names the user record the API reads. Cognito decides nothing else: roles, council and person are
 * put into tokens from our table by the pre-token-generation trigger.
 */
export class CognitoIdentityDirectory implements IdentityDirectory {
  readonly kind = 'cognito';
  private readonly cognito: CognitoIdentityProviderClient;
  private readonly ses: SESv2Client;

  constructor(private readonly config: CognitoDirectoryConfig) {
    const region = config.region ? { region: config.region } : {};
    this.cognito = config.cognito ?? new CognitoIdentityProviderClient(region);
    this.ses = config.ses ?? new SESv2Client(region);
  }

  async send(message: OutboundMessage): Promise<void> {
    if (!this.config.mailFrom) {
      throw new Error(
        'Invitations cannot be emailed: this deployment has no sender (deploy with -c mailFrom=…)',
      );
    }
    await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: this.config.mailFrom,
        Destination: { ToAddresses: [message.to] },
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
          },
        },
      }),
    );
  }

  /**
   * Cognito emails the person a temporary password and asks for a new one at first sign-in. The
   * email is marked verified because it is the address the invitation (or the operator) reached.
   */
  async createSignIn(user: Pick<UserRecord, 'userId' | 'email' | 'name'>): Promise<void> {
    if (!user.email) {
      throw new Error(
        `Cannot create a sign-in for ${user.userId}: Cognito sends the password to an email address`,
      );
    }
    try {
      await this.cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: this.config.userPoolId,
          Username: user.userId,
          UserAttributes: [
            { Name: 'email', Value: user.email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: user.name },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
    } catch (error) {
      // The user id is fixed before this is called (an invitation's), so the user already being
      // there means an earlier attempt got this far: a retry must not fail on it.
      if (error instanceof UsernameExistsException) return;
      throw error;
    }
  }

  /**
   * Disabling stops new sign-ins; the global sign-out revokes refresh tokens, so no new ID token is
   * issued. ID tokens already issued are refused by the API, which reads the user's status.
   */
  async disableSignIn(userId: string): Promise<void> {
    const key = { UserPoolId: this.config.userPoolId, Username: userId };
    try {
      await this.cognito.send(new AdminDisableUserCommand(key));
      await this.cognito.send(new AdminUserGlobalSignOutCommand(key));
    } catch (error) {
      // Seeded users, and anyone removed before accepting, never had a Cognito user.
      if (error instanceof UserNotFoundException) return;
      throw error;
    }
  }
}
