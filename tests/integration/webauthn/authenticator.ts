/**
 * A software WebAuthn authenticator for the tests: a real ES256 key pair (WebCrypto),
 * a CBOR attestation object (format "none"), authenticatorData with flags and a sign
 * counter, DER signatures. What it sends is what a browser sends, byte for byte in
 * shape, so the server's library verifies it for real (no mock of the library).
 */
import { cbor } from './cbor';

const enc = new TextEncoder();

export function b64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromB64url(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));
}

const sha256 = async (bytes: Uint8Array<ArrayBuffer>) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const u32 = (n: number) => new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);

/** WebCrypto signs ECDSA as r‖s (64 bytes); WebAuthn carries an ASN.1 DER SEQUENCE of two INTEGERs. */
function derSignature(raw: Uint8Array): Uint8Array {
  const int = (bytes: Uint8Array) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    let body = bytes.slice(i);
    if ((body[0] ?? 0) & 0x80) body = concat(new Uint8Array([0]), body);
    return concat(new Uint8Array([0x02, body.length]), body);
  };
  const seq = concat(int(raw.slice(0, 32)), int(raw.slice(32)));
  return concat(new Uint8Array([0x30, seq.length]), seq);
}

export const FLAGS = { UP: 0x01, UV: 0x04, BE: 0x08, BS: 0x10, AT: 0x40 } as const;

type Options = { challenge: string; rp?: { id?: string }; rpId?: string; user?: { id: string } };

export type Credential = { id: string; userHandle: string; counter: number; keys: CryptoKeyPair };

export class SoftAuthenticator {
  /** Credentials this authenticator holds (a discoverable credential per registration). */
  readonly credentials: Credential[] = [];
  constructor(
    readonly origin: string,
    /** Counter step per assertion: 0 models an authenticator without a counter (many passkeys). */
    readonly counterStep = 1,
  ) {}

  private clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin = this.origin) {
    return enc.encode(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** navigator.credentials.create(): the RegistrationResponseJSON the browser would post. */
  async register(options: Options, over: { origin?: string; flags?: number; rpId?: string } = {}) {
    const rpId = over.rpId ?? options.rp?.id ?? '';
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const jwk = await crypto.subtle.exportKey('jwk', keys.publicKey);
    const cose = cbor(new Map<number, unknown>([[1, 2], [3, -7], [-1, 1], [-2, fromB64url(jwk.x ?? '')], [-3, fromB64url(jwk.y ?? '')]]));
    const rawId = crypto.getRandomValues(new Uint8Array(32));
    const credentialData = concat(new Uint8Array(16), new Uint8Array([0, rawId.length]), rawId, cose);
    const flags = over.flags ?? FLAGS.UP | FLAGS.UV | FLAGS.BE | FLAGS.BS | FLAGS.AT;
    const authData = concat(await sha256(enc.encode(rpId)), new Uint8Array([flags]), u32(0), credentialData);
    const attestationObject = cbor(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]));
    const credential: Credential = { id: b64url(rawId), userHandle: options.user?.id ?? '', counter: 0, keys };
    this.credentials.push(credential);
    return {
      credential,
      json: {
        id: credential.id,
        rawId: credential.id,
        type: 'public-key',
        response: {
          clientDataJSON: b64url(this.clientData('webauthn.create', options.challenge, over.origin)),
          attestationObject: b64url(attestationObject),
          transports: ['internal', 'hybrid'],
        },
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
      },
    };
  }

  /** navigator.credentials.get(): the AuthenticationResponseJSON for `credential` (default: the last one). */
  async assert(options: Options, over: { credential?: Credential; origin?: string; counter?: number; rpId?: string; flags?: number; type?: 'webauthn.get' | 'webauthn.create' } = {}) {
    const credential = over.credential ?? this.credentials.at(-1);
    if (!credential) throw new Error('no credential to assert with');
    credential.counter = over.counter ?? credential.counter + this.counterStep;
    const rpId = over.rpId ?? options.rpId ?? '';
    const authData = concat(await sha256(enc.encode(rpId)), new Uint8Array([over.flags ?? FLAGS.UP | FLAGS.UV | FLAGS.BE | FLAGS.BS]), u32(credential.counter));
    const clientDataJSON = over.type ? enc.encode(JSON.stringify({ type: over.type, challenge: options.challenge, origin: over.origin ?? this.origin })) : this.clientData('webauthn.get', options.challenge, over.origin);
    const signed = concat(authData, await sha256(clientDataJSON));
    const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, credential.keys.privateKey, signed));
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(derSignature(raw)),
        userHandle: credential.userHandle,
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }
}
