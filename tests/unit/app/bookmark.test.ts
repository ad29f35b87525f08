/** app/lib/api.ts keeps the latest X-D1-Bookmark the server sent and sends it back (read-your-writes over replicas). */
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => vi.unstubAllGlobals());

describe('the D1 bookmark', () => {
  it('is absent until the server sends one, then goes with every call; the latest wins, an empty one changes nothing', async () => {
    vi.resetModules();
    const sent: (string | null)[] = [];
    const answers = ['0:00000000-00000001-00000000-00000000000000000000000000000000', '', '0:00000000-00000002-00000000-00000000000000000000000000000000'];
    vi.stubGlobal('fetch', async (_input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(new Headers(init?.headers).get('X-D1-Bookmark'));
      const headers = { 'Content-Type': 'application/json', 'X-D1-Bookmark': answers[sent.length - 1] ?? '' };
      return new Response(JSON.stringify({ currency: 'AED' }), { status: 200, headers });
    });
    const { api } = await import('../../../app/lib/api');
    for (let i = 0; i < 4; i++) expect((await api.options()).ok).toBe(true);
    expect(sent).toEqual([null, answers[0], answers[0], answers[2]]);
  });
});
