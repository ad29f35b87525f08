/** Cursor pagination for the activity lists: a cached first page, then more as the person scrolls. */
import { createSignal, onCleanup } from 'solid-js';
import type { Page } from '../../worker/contract/types';
import type { Result } from './api';
import { t } from '../i18n';

export function createPaged<T extends { id: string }>(fetchPage: (cursor: string | null) => Promise<Result<Page<T>>>, cached: Page<T> | null) {
  const [items, setItems] = createSignal<T[]>(cached?.items ?? []);
  const [cursor, setCursor] = createSignal<string | null>(cached?.next_cursor ?? null);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const worded = () => {
    const e = error();
    return e === 'offline' ? t('activity.offline') : e === 'failed' ? t('activity.failed') : null;
  };
  let generation = 0;

  async function load(from: string | null): Promise<Page<T> | null> {
    const mine = ++generation;
    setLoading(true);
    setError(null);
    const result = await fetchPage(from);
    if (mine !== generation) return null;
    setLoading(false);
    if (!result.ok) {
      setError(result.status === 0 ? 'offline' : 'failed');
      return null;
    }
    setItems((current) => {
      const seen = new Set(from ? current.map((i) => i.id) : []);
      const fresh = result.data.items.filter((i) => !seen.has(i.id));
      return from ? [...current, ...fresh] : fresh;
    });
    setCursor(result.data.next_cursor);
    return result.data;
  }

  return {
    items,
    cursor,
    loading,
    error: worded,
    refresh: () => load(null),
    more: () => (cursor() && !loading() ? load(cursor()) : Promise.resolve(null)),
  };
}

/** Reports whether `element` is (nearly) on screen each time that changes (infinite scroll). */
export function observeVisible(element: Element, onChange: (visible: boolean) => void): void {
  if (typeof IntersectionObserver === 'undefined') return;
  const observer = new IntersectionObserver((entries) => onChange(entries.some((e) => e.isIntersecting)), { rootMargin: '200px' });
  observer.observe(element);
  onCleanup(() => observer.disconnect());
}
