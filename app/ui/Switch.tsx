/** An on/off switch; with `blocked` it stays focusable (its reason, `describedBy`, can be read) but does not change. */
export function Switch(props: { id?: string; label: string; checked: boolean; onChange: (next: boolean) => void; describedBy?: string | undefined; blocked?: boolean; onBlocked?: () => void }) {
  return (
    <button
      id={props.id}
      type="button"
      role="switch"
      aria-checked={String(props.checked) as "true" | "false"}
      aria-disabled={props.blocked ? 'true' : undefined}
      aria-describedby={props.describedBy}
      onClick={() => {
        if (props.blocked) props.onBlocked?.();
        else props.onChange(!props.checked);
      }}
      class="inline-flex min-h-11 items-center gap-2 rounded-xl px-1 text-sm font-semibold aria-disabled:cursor-not-allowed aria-disabled:opacity-70"
    >
      <span
        aria-hidden="true"
        class={`relative inline-block h-6 w-11 rounded-full transition-colors ${props.checked ? 'bg-brand-700 dark:bg-brand-300' : 'bg-slate-400 dark:bg-slate-600'}`}
      >
        <span
          class={`absolute start-0.5 top-0.5 h-5 w-5 rounded-full bg-white shadow transition-transform dark:bg-slate-950 ${props.checked ? 'translate-x-5 rtl:-translate-x-5' : ''}`}
        />
      </span>
      {props.label}
    </button>
  );
}
