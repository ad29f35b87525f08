/** An operator action: a required reason (1–500 characters), then an explicit confirmation. Escape cancels. */
import { createSignal, onMount, Show, type JSX } from 'solid-js';
import { ApiError } from './api';

export function Action(props: {
  label: string;
  danger?: boolean;
  children?: JSX.Element;
  confirmText: string;
  run: (reason: string) => Promise<unknown>;
  done: () => void;
}) {
  const [open, setOpen] = createSignal(false);
  const [reason, setReason] = createSignal('');
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const valid = () => reason().trim().length >= 1 && reason().length <= 500;
  const close = () => {
    setOpen(false);
    setConfirming(false);
    setReason('');
    setError('');
  };
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!valid()) return setError('Say why (1–500 characters).');
    if (!confirming()) return setConfirming(true);
    setBusy(true);
    try {
      await props.run(reason().trim());
      close();
      props.done();
    } catch (e) {
      setError(e instanceof ApiError ? `${e.code}: ${e.message}` : String(e));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };
  // The form's first field takes the focus as soon as it is in the page (not a task later, when
  // the person may already be typing elsewhere in it, and the page would jump under their pointer).
  const focusFirstField = (form: HTMLFormElement) => onMount(() => form.querySelector<HTMLElement>('select, input, textarea')?.focus());
  return (
    <Show
      when={open()}
      fallback={
        <button type="button" class={props.danger ? 'danger' : 'secondary'} onClick={() => setOpen(true)}>
          {props.label}
        </button>
      }
    >
      <form class="panel" ref={focusFirstField} onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && close()} aria-label={props.label}>
        <strong>{props.label}</strong>
        {props.children}
        <label for="reason">Reason (required)</label>
        <textarea id="reason" rows="2" maxLength={500} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
        <Show when={confirming()}>
          <p role="alert">{props.confirmText}</p>
        </Show>
        <Show when={error()}>
          <p class="error" role="alert">
            {error()}
          </p>
        </Show>
        <div class="row">
          <button type="submit" class={props.danger ? 'danger' : ''} disabled={busy()}>
            {confirming() ? `Confirm: ${props.label}` : 'Continue'}
          </button>
          <button type="button" class="secondary" onClick={close}>
            Cancel
          </button>
        </div>
      </form>
    </Show>
  );
}
