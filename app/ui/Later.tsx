import { createSignal, onCleanup, Show, type JSX } from 'solid-js';

/** Its children one task after the rest of the screen (below the fold): no long task on a slow phone (ADR 113). */
export function Later(props: { children: JSX.Element }) {
  const [ready, setReady] = createSignal(false);
  const timer = setTimeout(() => setReady(true), 0);
  onCleanup(() => clearTimeout(timer));
  return <Show when={ready()}>{props.children}</Show>;
}
