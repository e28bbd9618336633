/**
 * The user pool's Lambda triggers. Cognito only checks passwords: who someone is in Carepool (roles,
 * council, person) is our table's to say, so sign-up writes our record and every token is built
 * from it.
 */
import {
  type AccountStore,
  activeUser,
  type BrokerDirectory,
  type Clock,
  claimDelegationInvitations,
  DomainError,
  Id,
  SelfSignUpRole,
  signUp,
  type UserRecord,
} from '@carepool/domain';
import type { PreSignUpTriggerEvent, PreTokenGenerationV2TriggerEvent } from 'aws-lambda';

/** Where a sign-in is noted (the user's `lastSeenAt`): one bounded conditional update at most once an hour. */
export interface SignInRecorder {
  noteSeen(userId: string, at: Date): Promise<void>;
}

export interface TriggerDeps {
  accounts: AccountStore;
  clock: Clock;
  /** Without it, sign-ins are not noted (and the "holder not signed in" alert cannot work). */
  seen?: SignInRecorder;
  /** Without it, access granted to this account's email address waits (see claimDelegationInvitations). */
  brokers?: BrokerDirectory;
}

/** Self-chosen usernames are user ids: `usr_` and letters, digits, `_` or `-`, as any other id. */
const selfChosenUserId = Id.refine((id) => /^usr_[A-Za-z0-9_-]{3,}$/.test(id));

/**
 * Cognito shows the message of a refusal to the person signing up ("PreSignUp failed with error
 * …"), so each says what to do.
 */
class SignUpRefused extends Error {
  override readonly name = 'SignUpRefused';
}

/**
 * - `PreSignUp_SignUp` (someone signing themselves up): only as a provider or broker, asked for in
 *   `clientMetadata.role` (or `validationData.role`), under a free `usr_…` username and an email no
 *   other account uses. Our user record is written here, with that one role and no council or
 *   person; the person still confirms their email before Cognito lets them sign in.
 * - `PreSignUp_AdminCreateUser`: only our identity function and the bootstrap script may call
 *   AdminCreateUser (IAM), for accounts our table already decided (an accepted invitation, the
 *   first platform administrator): let through.
 * - Anything else (sign-in through another identity provider) is refused: none is set up.
 */
export async function preSignUp(
  deps: TriggerDeps,
  event: PreSignUpTriggerEvent,
): Promise<PreSignUpTriggerEvent> {
  if (event.triggerSource === 'PreSignUp_AdminCreateUser') return event;
  if (event.triggerSource !== 'PreSignUp_SignUp') {
    throw new SignUpRefused('Sign up with an email address and password.');
  }
  const { userAttributes, clientMetadata, validationData } = event.request;
  const role = SelfSignUpRole.safeParse(clientMetadata?.role ?? validationData?.role);
  if (!role.success) {
    throw new SignUpRefused(
      'You can sign up as a provider or a broker. Councils invite their staff and the people they support.',
    );
  }
  if (!selfChosenUserId.safeParse(event.userName).success) {
    throw new SignUpRefused(
      'Choose a username that starts with usr_ followed by at least 3 letters, numbers, hyphens or underscores.',
    );
  }
  const email = userAttributes.email?.trim().toLowerCase();
  if (!email) throw new SignUpRefused('Enter your email address.');
  const name = userAttributes.name?.trim() ?? '';
  if (name.length < 1 || name.length > 120)
    throw new SignUpRefused('Enter your name (up to 120 characters).');

  const existing = await deps.accounts.getUser(event.userName);
  if (existing) {
    // Cognito can fail after this trigger has written the record (a network error, say): the
    // same sign-up tried again is let through rather than locked out by its own first attempt.
    if (isSameSignUp(existing, { email, role: role.data })) return event;
    throw new SignUpRefused('That username is taken: choose another.');
  }
  try {
    await signUp(deps, { userId: event.userName, name, email, role: role.data });
  } catch (error) {
    // email_in_use, or the username taken a moment ago: the domain's words are for people.
    if (error instanceof DomainError && error.kind === 'conflict') throw new SignUpRefused(error.message);
    throw error;
  }
  // Cognito still sends the email verification code: a sign-up proves its email before signing in.
  event.response.autoConfirmUser = false;
  event.response.autoVerifyEmail = false;
  event.response.autoVerifyPhone = false;
  return event;
}

function isSameSignUp(user: UserRecord, request: { email: string; role: SelfSignUpRole }): boolean {
  return (
    user.joinedBy === 'self_sign_up' &&
    user.email === request.email &&
    user.roles.length === 1 &&
    user.roles[0] === request.role &&
    (user.status ?? 'active') === 'active'
  );
}

/** The claims our table decides; whatever Cognito holds for them is never used. */
const tableClaims = ['custom:councilId', 'custom:personId'] as const;

/**
 * Builds every token from our table, not from Cognito: the user record named by the username must
 * exist and be active (throwing stops Cognito issuing the token, at sign-in and at every refresh,
 * so a removed user gets no new one), its roles replace the token's groups, and its council, person
 * and name become the claims the API and web app read.
 */
export async function preTokenGeneration(
  deps: Pick<TriggerDeps, 'accounts'> & Partial<Pick<TriggerDeps, 'clock' | 'seen' | 'brokers'>>,
  event: PreTokenGenerationV2TriggerEvent,
): Promise<PreTokenGenerationV2TriggerEvent> {
  // Version 1 events ignore this response shape: the stack attaches this trigger as V2_0.
  if (event.version !== '2' && event.version !== '3') {
    throw new Error(`Expected a version 2 pre-token-generation event, got version ${event.version}`);
  }
  const found = event.userName ? await activeUser(deps.accounts, event.userName) : undefined;
  if (!found) throw new Error('This account cannot sign in: it does not exist or was removed.');
  // Cognito issues no token before the email address is confirmed, so this is the moment access
  // granted to that address becomes this account's (and its roles may gain `representative`,
  // read below). Like noting the sign-in, it must never stop someone signing in: a failure is
  // tried again at the next sign-in or refresh.
  const { brokers, clock } = deps;
  const user =
    brokers && clock
      ? await claimDelegationInvitations({ accounts: deps.accounts, brokers, clock }, found).catch(
          () => found,
        )
      : found;
  // Every token (sign-in or refresh) is a sign of life for the "holder not signed in" alert. Noting
  // it must never stop someone signing in, so a failure here is swallowed.
  if (deps.seen && deps.clock) await deps.seen.noteSeen(user.userId, deps.clock.now()).catch(() => undefined);

  const claims: Record<string, string> = { name: user.name };
  if (user.councilId) claims['custom:councilId'] = user.councilId;
  if (user.personId) claims['custom:personId'] = user.personId;
  event.response = {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration: {
        claimsToAddOrOverride: claims,
        claimsToSuppress: tableClaims.filter((claim) => !(claim in claims)),
      },
      groupOverrideDetails: { groupsToOverride: [...user.roles], iamRolesToOverride: [] },
    },
  };
  return event;
}
