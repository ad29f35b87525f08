import { createEffect, createUniqueId, onCleanup, Show, type JSX } from 'solid-js';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

/** Tab past the last control comes back to the first (and Shift+Tab the other way): focus never leaves. */
function trapTab(event: KeyboardEvent & { currentTarget: HTMLDialogElement }) {
  if (event.key !== 'Tab') return;
  const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE));
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/** A real modal (native <dialog> + showModal): the page behind is inert, Escape closes, focus returns to the opener. */
export function Dialog(props: { open: boolean; onClose: () => void; title: string; children: JSX.Element }) {
  let ref: HTMLDialogElement | undefined;
  let opener: Element | null = null;
  const titleId = createUniqueId();
  createEffect(() => {
    if (!ref) return;
    if (props.open && !ref.open) {
      opener = document.activeElement;
      ref.showModal();
    }
    if (!props.open && ref.open) ref.close();
  });
  // Taken away while open (its screen closed it by unmounting, e.g. after a deposit): the browser
  // returns focus only for a dialog that closes, so close it, and give focus back to its opener.
  onCleanup(() => {
    if (!ref?.open) return;
    ref.close();
    const back = opener;
    queueMicrotask(() => {
      if (back instanceof HTMLElement && back.isConnected && (document.activeElement === document.body || !document.activeElement)) back.focus();
    });
  });
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={() => props.onClose()}
      onKeyDown={trapTab}
      class="m-auto max-h-[calc(100dvh-1rem)] w-[calc(100%-1rem)] max-w-md overflow-y-auto rounded-2xl bg-white p-[min(1rem,4vw)] text-slate-900 shadow-xl dark:bg-slate-900 dark:text-slate-100 dark:ring-1 dark:ring-slate-700"
    >
      <Show when={props.open}>
        <h2 id={titleId} class="mb-4 text-xl font-bold">
          {props.title}
        </h2>
        {props.children}
      </Show>
    </dialog>
  );
}
