/**
 * Why the relay could not get an access token for a mailbox, in words for the administrator.
 * `permanent`: trying again will not help until someone acts (a revoked sign-in, a wrong client
 * secret); otherwise the token endpoint may answer later (a network failure, a 5xx).
 */
export class MailSignInError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailSignInError';
  }
}
