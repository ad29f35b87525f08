/**
 * The book of offline intents. Every kind of change a person can make while
 * offline is a payload type and ONE definition (beneficiaries.ts, money.ts,
 * verification.ts): its request, how it shows on screen before the server
 * answers, how the server's answer is folded into the last known state, and what
 * each refusal means. The mapped type `IntentBook` makes a kind without one of
 * these pieces a compile error. Everything else (the outbox, the projection, the
 * flush) reaches an intent only through here.
 */
import { projectView, type View } from '../project';
import { addBeneficiary, deleteBeneficiary, renameBeneficiary, setActive } from './beneficiaries';
import { deposit, topup } from './money';
import { verify } from './verification';
import { setLang } from './lang';
import { addSchedule, changeSchedule, deleteSchedule } from './schedules';
import { reportProblem, withdraw } from './money-back';
import { formatAed } from '../../../worker/domain/money';
import type { Draft, IntentDefinition, IntentKind, IntentOf, IntentRequest, ProjectionContext, RefusalOutcome, OutboxEntry, Snapshot } from '../records';

export type { Draft, Intent, IntentDefinition, IntentKind, IntentOf, IntentPayloads, IntentRequest, PendingMoney, ProjectionContext, RefusalOutcome } from '../records';

export type IntentBook = { [K in IntentKind]: IntentDefinition<K> };

export const INTENTS: IntentBook = {
  deposit,
  topup,
  addBeneficiary,
  renameBeneficiary,
  setActive,
  deleteBeneficiary,
  verify,
  addSchedule,
  changeSchedule,
  deleteSchedule,
  withdraw,
  reportProblem,
  setLang,
};
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

export function describeIntent<K extends IntentKind>(intent: IntentOf<K>, nameOf: (id: string) => string | undefined, money: (fils: number) => string = formatAed): string {
  return INTENTS[intent.type].describe(intent, nameOf, money);
}

export const isIntentKind = (type: unknown): type is IntentKind => typeof type === 'string' && Object.hasOwn(INTENTS, type);
