import { createUniqueId, Show, type JSX } from 'solid-js';

type Props = {
  label: string;
  value: string;
  onInput: (value: string) => void;
  onBlur?: () => void;
  error?: string | null | undefined;
  hint?: JSX.Element;
  type?: 'text' | 'email' | 'password' | 'tel';
  autocomplete?: string;
  inputMode?: 'text' | 'decimal' | 'tel' | 'email' | 'numeric';
  required?: boolean;
  autofocus?: boolean;
  maxLength?: number;
  placeholder?: string;
  /** ltr for emails, numbers and amounts (they must not reorder in Arabic); auto for names people type in either script. */
  dir?: 'ltr' | 'auto';
};

/** A labelled input whose hint and error are tied to it for screen readers. */
export function Field(props: Props) {
  const id = createUniqueId();
  const describedBy = () => [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label for={id} class="label">
        {props.label}
      </label>
      <input
        id={id}
        class="input"
        type={props.type ?? 'text'}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        onBlur={() => props.onBlur?.()}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        required={props.required}
        autofocus={props.autofocus}
        maxLength={props.maxLength}
        placeholder={props.placeholder}
        dir={props.dir}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy()}
      />
      <Show when={props.hint}>
        <p id={`${id}-hint`} class="hint">
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p id={`${id}-error`} class="error-text">
          {props.error}
        </p>
      </Show>
    </div>
  );
}

/** After a refused submit: the first invalid field takes focus, so its error is read out and fixed first. */
export function focusFirstInvalid(form: HTMLFormElement): void {
  queueMicrotask(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
