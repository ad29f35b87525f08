/** WebAuthn's server half without X.509 (ADR 016): attestation "none", ES256/RS256/EdDSA; a check answers null, callers one refusal. */
import { decodeCbor, decodeCborPrefix } from './cbor';
import { fromBase64url, toBase64url } from './base64url';
import { coseAlgorithm, OFFERED_ALGORITHMS, verifyCoseSignature } from './cose';

const FLAG = { UP: 0x01, BE: 0x08, BS: 0x10, AT: 0x40 } as const;
const TIMEOUT_MS = 60_000;
const TRANSPORTS = new Set(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

export type Expected = { challenge: string; origins: string[]; rpId: string };
export type NewCredential = { id: string; publicKey: Uint8Array; counter: number; transports: string[]; deviceType: 'singleDevice' | 'multiDevice'; backedUp: boolean };

const newChallenge = () => toBase64url(crypto.getRandomValues(new Uint8Array(32)));

export function registrationOptions(o: { rpName: string; rpId: string; userId: Uint8Array; userName: string; displayName: string; exclude: { id: string; transports: string[] }[] }) {
  return {
    challenge: newChallenge(),
    rp: { name: o.rpName, id: o.rpId },
    user: { id: toBase64url(o.userId), name: o.userName, displayName: o.displayName },
    pubKeyCredParams: OFFERED_ALGORITHMS.map((alg) => ({ alg, type: 'public-key' as const })),
    timeout: TIMEOUT_MS,
    attestation: 'none' as const,
    excludeCredentials: o.exclude.map((c) => ({ id: c.id, type: 'public-key' as const, transports: c.transports })),
    authenticatorSelection: { residentKey: 'required' as const, requireResidentKey: true, userVerification: 'preferred' as const },
    extensions: { credProps: true },
    hints: [] as string[],
  };
}

export function authenticationOptions(rpId: string) {
  return { rpId, challenge: newChallenge(), timeout: TIMEOUT_MS, userVerification: 'preferred' as const };
}

const sha256 = async (bytes: Uint8Array<ArrayBuffer>) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);
const record = (value: unknown): Record<string, unknown> | null => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null);
const bytesOf = (value: unknown) => (typeof value === 'string' ? fromBase64url(value) : null);

/** The client data, if it is of `type`, answers the challenge and comes from an allowed origin. */
function clientDataOk(raw: Uint8Array<ArrayBuffer>, type: string, expected: Expected): boolean {
  try {
    const data = record(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw)));
    return data?.['type'] === type && data['challenge'] === expected.challenge && typeof data['origin'] === 'string' && expected.origins.includes(data['origin']);
  } catch {
    return false;
  }
}

/** The parts of authenticator data every ceremony checks: the RP id's hash and user presence. */
async function authDataOk(authData: Uint8Array, rpId: string): Promise<{ flags: number; counter: number } | null> {
  if (authData.length < 37) return null;
  if (!equal(authData.slice(0, 32), await sha256(new TextEncoder().encode(rpId)))) return null;
  const flags = authData[32] ?? 0;
  if (!(flags & FLAG.UP)) return null;
  const counter = new DataView(authData.buffer, authData.byteOffset + 33, 4).getUint32(0);
  return { flags, counter };
}

const credentialOf = (response: Record<string, unknown>) => {
  const id = response['id'];
  if (typeof id !== 'string' || response['type'] !== 'public-key') return null;
  if (response['rawId'] !== undefined && response['rawId'] !== id) return null;
  return { id, body: record(response['response']) };
};

/** A registration response (attestation "none") answering `expected`; null when anything does not hold. */
export async function verifyRegistration(response: unknown, expected: Expected): Promise<NewCredential | null> {
  const outer = record(response);
  const cred = outer && credentialOf(outer);
  const clientData = bytesOf(cred?.body?.['clientDataJSON']);
  const attestation = bytesOf(cred?.body?.['attestationObject']);
  if (!cred || !clientData || !attestation || !clientDataOk(clientData, 'webauthn.create', expected)) return null;
  try {
    const object = decodeCbor(attestation);
    if (!(object instanceof Map) || object.get('fmt') !== 'none') return null;
    const statement = object.get('attStmt');
    const authData = object.get('authData');
    if (!(statement instanceof Map) || statement.size !== 0 || !(authData instanceof Uint8Array)) return null;
    const head = await authDataOk(authData, expected.rpId);
    if (!head || !(head.flags & FLAG.AT) || authData.length < 55) return null;
    const idLength = ((authData[53] ?? 0) << 8) | (authData[54] ?? 0);
    const credentialId = authData.slice(55, 55 + idLength);
    const rest = authData.slice(55 + idLength);
    const { end } = decodeCborPrefix(rest);
    const publicKey = rest.slice(0, end);
    if (toBase64url(credentialId) !== cred.id || coseAlgorithm(publicKey) === null) return null;
    const transports = Array.isArray(cred.body?.['transports']) ? (cred.body['transports'] as unknown[]).filter((t): t is string => typeof t === 'string' && TRANSPORTS.has(t)) : [];
    return { id: cred.id, publicKey, counter: head.counter, transports, deviceType: head.flags & FLAG.BE ? 'multiDevice' : 'singleDevice', backedUp: Boolean(head.flags & FLAG.BS) };
  } catch {
    return null;
  }
}

/** The new counter and backup state, or null; a counter must move forward unless the authenticator keeps none (both zero). */
export async function verifyAssertion(response: unknown, expected: Expected & { publicKey: Uint8Array; counter: number }): Promise<{ newCounter: number; backedUp: boolean } | null> {
  const outer = record(response);
  const cred = outer && credentialOf(outer);
  const clientData = bytesOf(cred?.body?.['clientDataJSON']);
  const authData = bytesOf(cred?.body?.['authenticatorData']);
  const signature = bytesOf(cred?.body?.['signature']);
  if (!cred || !clientData || !authData || !signature || !clientDataOk(clientData, 'webauthn.get', expected)) return null;
  const head = await authDataOk(authData, expected.rpId);
  if (!head) return null;
  if ((head.counter > 0 || expected.counter > 0) && head.counter <= expected.counter) return null;
  const signed = new Uint8Array(authData.length + 32);
  signed.set(authData);
  signed.set(await sha256(clientData), authData.length);
  if (!(await verifyCoseSignature(expected.publicKey, signature, signed))) return null;
  return { newCounter: head.counter, backedUp: Boolean(head.flags & FLAG.BS) };
}
