/** Web Push on this device (ADR 014): permission is asked only from the person's tap. */
import { api } from './api';

export type PushState = 'unsupported' | 'ios-not-installed' | 'denied' | 'off' | 'on';

const supported = () => typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

function isIosBrowserTab(): boolean {
  const ios = /iPhone|iPad|iPod/.test(navigator.userAgent) || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
  const standalone = window.matchMedia('(display-mode: standalone)').matches || (navigator as { standalone?: boolean }).standalone === true;
  return ios && !standalone;
}

async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration();
  return (await registration?.pushManager.getSubscription()) ?? null;
}

export async function pushState(): Promise<PushState> {
  if (typeof window !== 'undefined' && !supported() && isIosBrowserTab()) return 'ios-not-installed';
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  return Notification.permission === 'granted' && (await currentSubscription()) ? 'on' : 'off';
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** From a tap: asks permission, subscribes with the server's key, registers the subscription. */
export async function turnPushOn(): Promise<PushState | 'offline' | 'failed'> {
  if (!supported()) return pushState();
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return permission === 'denied' ? 'denied' : 'off';
  const key = await api.pushKey();
  if (key.status === 0) return 'offline';
  if (!key.ok) return 'failed';
  try {
    const registration = await navigator.serviceWorker.ready;
    const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key.data.public_key) });
    const json = subscription.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
    const saved = await api.addPushSubscription({ endpoint: json.endpoint, keys: json.keys });
    if (saved.status === 0) return 'offline';
    if (!saved.ok) return 'failed';
    localStorage.setItem(MINE, saved.data.subscription.id);
    return 'on';
  } catch {
    return 'failed';
  }
}

/** Where this device keeps the id the server gave its subscription (the list does not name endpoints). */
const MINE = 'topup.push-subscription';

export async function turnPushOff(): Promise<PushState | 'offline'> {
  const mine = localStorage.getItem(MINE);
  if (mine) {
    const removed = await api.removePushSubscription(mine);
    if (removed.status === 0) return 'offline';
    localStorage.removeItem(MINE);
  }
  await (await currentSubscription())?.unsubscribe();
  return pushState();
}

/** Sign-out: this browser stops receiving the account's pushes (the server already dropped this session's subscriptions). */
export async function forgetPushOnDevice(): Promise<void> {
  localStorage.removeItem(MINE);
  if (!supported()) return;
  await (await currentSubscription().catch(() => null))?.unsubscribe().catch(() => false);
}
