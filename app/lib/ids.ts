/** A random UUID: client ids for beneficiaries made offline, and Idempotency-Keys. */
export function newId(): string {
  return crypto.randomUUID();
}
