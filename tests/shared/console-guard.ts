/**
 * A stray console.error or console.warn fails the test that caused it (unit and
 * integration setup files install this). A test that expects one says so with
 * `expectConsole(/pattern/)`: the line must then appear, or the test fails too, so
 * an allowance cannot outlive the behaviour it was made for.
 */
import { afterAll, afterEach, beforeEach } from 'vitest';

type Level = 'error' | 'warn';
type State = { stray: string[]; expected: { pattern: RegExp; seen: number }[] };

// On globalThis: the setup file and a test file must see the same state whatever module copy they load.
const KEY = Symbol.for('topup.console-guard');
const globals = globalThis as unknown as Record<symbol, State | undefined>;
const state: State = (globals[KEY] ??= { stray: [], expected: [] });

function render(args: unknown[]): string {
  return args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.name}: ${a.message}` : JSON.stringify(a))).join(' ');
}

/** This test is expected to log a line matching `pattern` (error or warn) at least once. */
export function expectConsole(pattern: RegExp): void {
  state.expected.push({ pattern, seen: 0 });
}

export function installConsoleGuard(): void {
  for (const level of ['error', 'warn'] as const satisfies Level[]) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      const line = render(args);
      const match = state.expected.find((e) => e.pattern.test(line));
      if (match) {
        match.seen++;
        return;
      }
      state.stray.push(`console.${level}: ${line.slice(0, 500)}`);
      original(...args);
    };
  }
  // Stray lines from a beforeAll are not cleared here: the first test reports them.
  beforeEach(() => {
    state.expected.length = 0;
  });
  afterEach(() => {
    const stray = state.stray.splice(0);
    const unseen = state.expected.filter((e) => e.seen === 0).map((e) => `expected a console line matching ${e.pattern} but none came`);
    state.expected.length = 0;
    const problems = [...stray, ...unseen];
    if (problems.length > 0) throw new Error(`Console check failed:\n${problems.join('\n')}`);
  });
  afterAll(() => {
    const stray = state.stray.splice(0);
    if (stray.length > 0) throw new Error(`Console check failed (outside a test):\n${stray.join('\n')}`);
  });
}
