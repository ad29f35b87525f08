/**
 * Rows of the beneficiary list keyed by id (lib/keyed.ts): the server confirming
 * a queued change replaces the item's object, and the row (with the switch that
 * has keyboard focus) must survive it. With rows keyed by object, as <For> does,
 * the confirmation of "Add Mum" landing between focusing her "Active" switch and
 * pressing Space threw the switch away and the Space went to <body>
 * (tests/e2e/accessibility.test.ts, "names and keyboard", failed that way).
 */
import { describe, expect, it } from 'vitest';
import { createRoot, createSignal, onCleanup, type Accessor } from 'solid-js';
import { mapById } from '../../../app/lib/keyed';
import type { ViewBeneficiary } from '../../../app/offline/model';
import { beneficiary } from './fixtures';

const projected = (id: string, nickname: string): ViewBeneficiary => ({
  ...beneficiary(id, nickname),
  created_at: '2026-11-25T10:00:00.000Z', // the device's clock until the server answers
  pending: true,
});
const confirmed = (id: string, nickname: string, active = true): ViewBeneficiary => ({ ...beneficiary(id, nickname, active), pending: false });

/** A list the way the screen holds it, and the rows made for it (one object per row, like a DOM element). */
function rowsFor(initial: ViewBeneficiary[]) {
  return createRoot((dispose) => {
    const [list, setList] = createSignal(initial);
    let made = 0;
    const dropped: string[] = [];
    const rows = mapById(list, (item, id) => {
      made++;
      onCleanup(() => dropped.push(id));
      return { id, item } satisfies { id: string; item: Accessor<ViewBeneficiary> };
    });
    return { rows, setList, made: () => made, dropped, dispose };
  });
}

describe('rows keyed by id', () => {
  it('keeps the row when the server confirms a queued beneficiary (a new object with the same id)', () => {
    const screen = rowsFor([projected('b-mum', 'Mum')]);
    const [row] = screen.rows();

    screen.setList([confirmed('b-mum', 'Mum')]);

    expect(screen.rows()[0]).toBe(row); // same row: the focused switch stays in the page
    expect(screen.made()).toBe(1);
    expect(row!.item().pending).toBe(false); // and it shows the server's version
    expect(row!.item().created_at).toBe('2026-11-02T00:00:00.000Z');
    screen.dispose();
  });

  it('keeps rows across a re-sort and a toggle, makes rows only for new ids and drops removed ones', () => {
    const screen = rowsFor([confirmed('b-mum', 'Mum'), confirmed('b-dad', 'Dad')]);
    const [mum, dad] = screen.rows();

    screen.setList([{ ...confirmed('b-dad', 'Dad') }, { ...confirmed('b-mum', 'Mum', false), pending: true }]);
    expect(screen.rows()).toEqual([dad, mum]);
    expect(mum!.item().active).toBe(false);

    screen.setList([confirmed('b-mum', 'Mum', false), projected('b-sis', 'Sis')]);
    const [mumAgain, sis] = screen.rows();
    expect(mumAgain).toBe(mum);
    expect(sis!.id).toBe('b-sis');
    expect(screen.made()).toBe(3);
    expect(screen.dropped).toEqual(['b-dad']);
    screen.dispose();
  });
});
