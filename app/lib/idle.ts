/**
 * Runs `task` when the browser is idle (at the latest after `timeout` ms), or after `fallback` ms
 * where there is no idle callback (Safari). Returns what cancels it.
 */
export function whenIdle(task: () => void, timeout: number, fallback = timeout): () => void {
  if ('requestIdleCallback' in window) {
    const id = requestIdleCallback(task, { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(task, fallback);
  return () => clearTimeout(id);
}
