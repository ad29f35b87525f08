/**
 * <Later> (ui/Later.tsx): what is below the fold renders a task after the rest of
 * the screen, not in the same task, and never after its screen is gone.
 */
import { describe, expect, it } from 'vitest';
import { createRoot, type JSX } from 'solid-js';
import { Later } from '../../../app/ui/Later';

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** What <Later> shows, read the way the screen reads it. */
function mount(children: () => JSX.Element) {
  return createRoot((dispose) => {
    const shown = Later({
      get children() {
        return children();
      },
    }) as unknown as () => JSX.Element;
    return { shown, dispose };
  });
}

describe('<Later>', () => {
  it('shows nothing in the task that made it, and its children in the next one', async () => {
    let made = 0;
    const { shown, dispose } = mount(() => (made++, 'recent activity'));
    await Promise.resolve(); // microtasks of the same task
    expect(shown()).toBeUndefined();
    expect(made).toBe(0);
    await nextTask();
    expect(shown()).toBe('recent activity');
    expect(made).toBe(1);
    dispose();
  });

  it('never makes its children once its screen is gone', async () => {
    let made = 0;
    const { shown, dispose } = mount(() => (made++, 'recent activity'));
    dispose();
    await nextTask();
    expect(made).toBe(0);
    expect(shown()).toBeUndefined();
  });
});
