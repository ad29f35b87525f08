/** The screen a notification is about: where a tap on it (in the inbox or on the device) opens. Shared with the service worker. */
type Notice = { kind: string; data: Record<string, unknown> };

export function notificationLink(n: Notice): string {
  switch (n.kind) {
    case 'schedule_run':
    case 'limit_near':
      return '/beneficiaries';
    case 'topup_settled':
    case 'problem_update':
      return '/activity';
    case 'low_balance':
      return '/';
    case 'new_sign_in':
    case 'account_status':
      return '/account';
    default:
      return '/notifications';
  }
}
