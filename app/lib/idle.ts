/** `task` when the browser is idle (by `timeout` ms), or after `fallback` ms without requestIdleCallback (Safari). */
export function whenIdle(task: () => void, timeout: number, fallback = timeout): () => void {
  if ('requestIdleCallback' in window) {
    const id = requestIdleCallback(task, { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(task, fallback);
  return () => clearTimeout(id);
}
