/** The browser half of WebAuthn: a dismissed prompt, or a ceremony replaced by another (autofill by the button), is "cancelled". */
import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  startRegistration,
  WebAuthnAbortService,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/browser';

export type Ceremony<T> = { ok: true; response: T } | { ok: false; cancelled: true };

export const passkeysSupported = (): boolean => browserSupportsWebAuthn();
export const autofillSupported = (): Promise<boolean> => browserSupportsWebAuthnAutofill().catch(() => false);
/** Stops a pending ceremony (the autofill one, when leaving the sign-in screen). */
export const cancelCeremony = (): void => WebAuthnAbortService.cancelCeremony();

export async function createPasskey(options: unknown): Promise<Ceremony<RegistrationResponseJSON>> {
  try {
    return { ok: true, response: await startRegistration({ optionsJSON: options as PublicKeyCredentialCreationOptionsJSON }) };
  } catch {
    return { ok: false, cancelled: true };
  }
}

export async function usePasskey(options: unknown, autofill: boolean): Promise<Ceremony<AuthenticationResponseJSON>> {
  try {
    return { ok: true, response: await startAuthentication({ optionsJSON: options as PublicKeyCredentialRequestOptionsJSON, useBrowserAutofill: autofill }) };
  } catch {
    return { ok: false, cancelled: true };
  }
}
