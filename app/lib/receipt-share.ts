/** Sharing a receipt: the Web Share API where it exists (phones), else the text goes to the clipboard. */
export type ShareOutcome = 'shared' | 'copied' | 'cancelled' | 'failed';

export async function shareText(title: string, text: string): Promise<ShareOutcome> {
  if (typeof navigator.share === 'function') {
    try {
      await navigator.share({ title, text });
      return 'shared';
    } catch (error) {
      // The person closed the share sheet: nothing more to do. Any other failure falls back to copying.
      if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
    }
  }
  try {
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    return 'failed';
  }
}
