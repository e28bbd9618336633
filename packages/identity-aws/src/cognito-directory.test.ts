import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { CognitoIdentityDirectory } from './cognito-directory.ts';
import { FakeAwsHttp, fakeClientConfig } from './fake-aws-http.ts';

const userPoolId = 'eu-west-2_AbCdEf123';

function directory() {
  const cognitoHttp = new FakeAwsHttp();
  const sesHttp = new FakeAwsHttp();
  const subject = new CognitoIdentityDirectory({
    userPoolId,
    mailFrom: 'Carepool <no-reply@carepool.example.org>',
    cognito: new CognitoIdentityProviderClient(fakeClientConfig(cognitoHttp)),
    ses: new SESv2Client(fakeClientConfig(sesHttp)),
  });
  return { subject, cognitoHttp, sesHttp };
}

const jean = { userId: 'usr_7hJk2LmN0pQr', email: 'jean@example.org', name: 'Jean Marsh' };

describe('CognitoIdentityDirectory.createSignIn', () => {
  it('creates a Cognito user named by our user id, with a verified email, and lets Cognito email the password', async () => {
    // Prepare
    const { subject, cognitoHttp } = directory();
    cognitoHttp.answer({ status: 200, body: { User: { Username: jean.userId, Enabled: true } } });

    // Act
    await subject.createSignIn(jean);

    // Assess
    expect(cognitoHttp.sent).toHaveLength(1);
    const [request] = cognitoHttp.sent;
    expect(request?.hostname).toBe('cognito-idp.eu-west-2.amazonaws.com');
    expect(request?.target).toBe('AWSCognitoIdentityProviderService.AdminCreateUser');
    expect(request?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
    expect(request?.body).toEqual({
      UserPoolId: userPoolId,
      Username: 'usr_7hJk2LmN0pQr',
      UserAttributes: [
        { Name: 'email', Value: 'jean@example.org' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: 'Jean Marsh' },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    });
  });

  it('treats a user that already exists as done, so accepting an invitation can be retried', async () => {
    const { subject, cognitoHttp } = directory();
    cognitoHttp.answer(FakeAwsHttp.error(400, 'UsernameExistsException', 'User account already exists'));

    await expect(subject.createSignIn(jean)).resolves.toBeUndefined();
    expect(cognitoHttp.sent.map((r) => r.target)).toEqual([
      'AWSCognitoIdentityProviderService.AdminCreateUser',
    ]);
  });

  it('passes on any other refusal', async () => {
    const { subject, cognitoHttp } = directory();
    cognitoHttp.answer(FakeAwsHttp.error(400, 'InvalidParameterException', 'Invalid email address format.'));

    await expect(subject.createSignIn(jean)).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid email address format.',
    });
  });

  it('refuses a user without an email before calling Cognito', async () => {
    const { subject, cognitoHttp } = directory();

    await expect(subject.createSignIn({ userId: 'usr_no_mail', name: 'No Mail' })).rejects.toThrow(
      /email address/,
    );
    expect(cognitoHttp.sent).toEqual([]);
  });
});

describe('CognitoIdentityDirectory.disableSignIn', () => {
  it('disables the user, then signs them out everywhere (which revokes their refresh tokens)', async () => {
    const { subject, cognitoHttp } = directory();

    await subject.disableSignIn(jean.userId);

    expect(cognitoHttp.sent.map((r) => [r.target, r.body])).toEqual([
      [
        'AWSCognitoIdentityProviderService.AdminDisableUser',
        { UserPoolId: userPoolId, Username: jean.userId },
      ],
      [
        'AWSCognitoIdentityProviderService.AdminUserGlobalSignOut',
        { UserPoolId: userPoolId, Username: jean.userId },
      ],
    ]);
  });

  it('treats a user Cognito never had (seeded, or never signed in) as already disabled', async () => {
    const { subject, cognitoHttp } = directory();
    cognitoHttp.answer(FakeAwsHttp.error(400, 'UserNotFoundException', 'User does not exist.'));

    await expect(subject.disableSignIn('usr_seeded')).resolves.toBeUndefined();
    expect(cognitoHttp.sent).toHaveLength(1);
  });

  it('fails if the sign-out fails, so the removal is not reported as complete', async () => {
    const { subject, cognitoHttp } = directory();
    cognitoHttp.answer(
      { status: 200, body: {} },
      FakeAwsHttp.error(400, 'NotAuthorizedException', 'User is not authorized to perform this action'),
    );

    await expect(subject.disableSignIn(jean.userId)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
  });
});

describe('CognitoIdentityDirectory.send', () => {
  it('sends the invitation as a plain-text email through SES v2 from the configured address', async () => {
    const { subject, sesHttp, cognitoHttp } = directory();
    sesHttp.answer({ status: 200, body: { MessageId: '0100018f-example' } });

    await subject.send({
      to: 'helen@example.org',
      subject: 'Jean has asked you to help with their support',
      text: 'Hello Helen,\n\nOpen this link to accept: https://carepool.example.org/invitations/inv_1?code=abc',
      link: 'https://carepool.example.org/invitations/inv_1?code=abc',
    });

    expect(cognitoHttp.sent).toEqual([]);
    expect(sesHttp.sent).toHaveLength(1);
    const [request] = sesHttp.sent;
    expect(request?.method).toBe('POST');
    expect(request?.hostname).toBe('email.eu-west-2.amazonaws.com');
    expect(request?.path).toBe('/v2/email/outbound-emails');
    expect(request?.body).toEqual({
      FromEmailAddress: 'Carepool <no-reply@carepool.example.org>',
      Destination: { ToAddresses: ['helen@example.org'] },
      Content: {
        Simple: {
          Subject: { Data: 'Jean has asked you to help with their support', Charset: 'UTF-8' },
          Body: {
            Text: {
              Data: 'Hello Helen,\n\nOpen this link to accept: https://carepool.example.org/invitations/inv_1?code=abc',
              Charset: 'UTF-8',
            },
          },
        },
      },
    });
  });

  it('passes on a refusal from SES (an unverified sender, say)', async () => {
    const { subject, sesHttp } = directory();
    sesHttp.answer({
      status: 400,
      body: { message: 'Email address is not verified.' },
      headers: {
        'x-amzn-errortype': 'MessageRejected:http://internal.amazon.com/coral/com.amazonaws.sesv2/',
      },
    });

    await expect(
      subject.send({ to: 'helen@example.org', subject: 's', text: 't', link: 'https://x.example/l' }),
    ).rejects.toMatchObject({ name: 'MessageRejected', message: 'Email address is not verified.' });
  });
});

describe('CognitoIdentityDirectory without a sender', () => {
  it('still creates sign-ins, but refuses to send an invitation, saying why', async () => {
    const cognitoHttp = new FakeAwsHttp();
    const sesHttp = new FakeAwsHttp();
    const subject = new CognitoIdentityDirectory({
      userPoolId,
      mailFrom: undefined,
      cognito: new CognitoIdentityProviderClient(fakeClientConfig(cognitoHttp)),
      ses: new SESv2Client(fakeClientConfig(sesHttp)),
    });

    await subject.createSignIn(jean);
    await expect(
      subject.send({ to: 'helen@example.org', subject: 's', text: 't', link: 'https://x.example/l' }),
    ).rejects.toThrow(/no sender .*mailFrom/);

    expect(cognitoHttp.sent).toHaveLength(1);
    expect(sesHttp.sent).toEqual([]);
  });
});
