import { createSignal, onCleanup, Show, type JSX } from 'solid-js';

/**
 * Renders its children one task after the rest of the screen: a screen drawn in parts gives
 * the browser a turn between them (input, paint), instead of one long task on a slow phone.
 * For what is below the fold; what is above it renders first, in the screen's own task. Each
 * <Later> is a task of its own (its own timer), in the order they were made.
 */
export function Later(props: { children: JSX.Element }) {
  const [ready, setReady] = createSignal(false);
  const timer = setTimeout(() => setReady(true), 0);
  onCleanup(() => clearTimeout(timer));
  return <Show when={ready()}>{props.children}</Show>;
}
