/** Sign in and sign up. */
export default {
  'signin.title': 'Sign in',
  'signin.expired': 'Your session has expired. Sign in again; anything you did offline is still queued and will be sent.',
  'signin.missing': 'Enter your email and password.',
  'signin.submit': 'Sign in',
  'signin.new': 'New to TopUp?',
  'signin.create': 'Create an account',
  'signup.title': 'Create your account',
  'signup.nameMissing': 'Enter your name.',
  'signup.emailInvalid': 'Enter an email address like name@example.com.',
  'signup.passwordLength': 'Use 8 to 128 characters.',
  'signup.passwordHint': '8 to 128 characters.',
  'signup.emailTaken': 'An account with this email already exists.',
  'signup.submit': 'Create account',
  'signup.have': 'Already have an account?',
  'signup.signIn': 'Sign in instead',
  'auth.offline': 'You are offline. Signing in needs a connection.',
  'auth.rateLimited': 'Too many attempts. Wait a few minutes and try again.',
  // The sign-in screen's passkey button: in the first screen's words (first.ts), so it never waits for the rest.
  'security.signInWithPasskey': 'Sign in with a passkey',
  'security.or': 'or',
};
