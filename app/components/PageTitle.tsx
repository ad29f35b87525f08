import { onMount } from 'solid-js';

let firstPage = true;

/**
 * The page's <h1>. It also sets the document title and, after a client-side
 * navigation, takes focus so screen-reader users hear where they landed.
 */
export function PageTitle(props: { children: string; class?: string }) {
  let ref: HTMLHeadingElement | undefined;
  onMount(() => {
    document.title = `${props.children} · TopUp`;
    if (firstPage) firstPage = false;
    else ref?.focus();
  });
  return (
    <h1 ref={ref} tabindex="-1" class={props.class ?? 'text-2xl font-bold tracking-tight'}>
      {props.children}
    </h1>
  );
}
