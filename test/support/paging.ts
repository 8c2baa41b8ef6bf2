import { getJson } from './service.js';

/**
 * Reads a list to its end, following each page's nextCursor, and runs `between` after
 * every page (to change the data while paging). Returns the keys of the items in the order
 * read, and the number of pages.
 */
export async function readAllPages(
  url: string,
  between: () => Promise<void> = async () => undefined,
  key: (item: Record<string, string>) => string = (item) => item.id,
): Promise<{ keys: string[]; pages: number }> {
  const keys: string[] = [];
  let pages = 0;
  let cursor: string | null = null;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const answer = await getJson(cursor ? `${url}${separator}cursor=${cursor}` : url);
    if (answer.status !== 200)
      throw new Error(`${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
    keys.push(...answer.body.items.map(key));
    pages += 1;
    cursor = answer.body.nextCursor;
    if (cursor) await between();
  } while (cursor);
  return { keys, pages };
}
