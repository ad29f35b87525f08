import { createEffect, onMount } from 'solid-js';
import { t } from '../i18n';

let firstPage = true;

/** The page's <h1>; it sets the document title and, after a client-side navigation, takes focus for screen readers. */
export function PageTitle(props: { children: string; class?: string }) {
  let ref: HTMLHeadingElement | undefined;
  // The title follows the language too (a switch re-runs this).
  createEffect(() => (document.title = t('common.appTitle', { page: props.children })));
  onMount(() => {
    if (firstPage) firstPage = false;
    else ref?.focus();
  });
  return (
    <h1 ref={ref} tabindex="-1" class={props.class ?? 'text-2xl font-bold tracking-tight'}>
      {props.children}
    </h1>
  );
}
