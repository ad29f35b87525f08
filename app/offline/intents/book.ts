/**
 * The book of offline intents: one definition per kind. Everything else (the
 * outbox, the projection, the flush) reaches an intent only through here.
 */
import type { Snapshot } from '../server-state';
import type { OutboxEntry } from '../records';
import { projectView, type View } from '../project';
import { addBeneficiary, deleteBeneficiary, renameBeneficiary, setActive } from './beneficiaries';
import { deposit, topup } from './money';
import { verify } from './verification';
import type { Draft, IntentBook, IntentKind, IntentOf, IntentRequest, ProjectionContext, RefusalOutcome } from './types';

export const INTENTS: IntentBook = { deposit, topup, addBeneficiary, renameBeneficiary, setActive, deleteBeneficiary, verify };

export function toRequest<K extends IntentKind>(intent: IntentOf<K>): IntentRequest {
  return INTENTS[intent.type].request(intent);
}

export function projectIntent<K extends IntentKind>(draft: Draft, intent: IntentOf<K>, context: ProjectionContext): void {
  INTENTS[intent.type].project(draft, intent, context);
}

/** What the screen shows: `snapshot` with every queued intent of `outbox` applied, in order. */
export function project(snapshot: Snapshot, outbox: OutboxEntry[]): View {
  return projectView(snapshot, outbox, projectIntent);
}

export function foldSuccess<K extends IntentKind>(snapshot: Snapshot, intent: IntentOf<K>, answer: unknown): Snapshot {
  return INTENTS[intent.type].fold(snapshot, intent, answer);
}

export function refusalOutcome<K extends IntentKind>(intent: IntentOf<K>, code: string | null, status: number): RefusalOutcome {
  return INTENTS[intent.type].refusal(code, status);
}

export function describeIntent<K extends IntentKind>(intent: IntentOf<K>, nameOf: (id: string) => string | undefined): string {
  return INTENTS[intent.type].describe(intent, nameOf);
}

export const isIntentKind = (type: unknown): type is IntentKind => typeof type === 'string' && Object.hasOwn(INTENTS, type);
