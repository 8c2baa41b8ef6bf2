import { HttpClient } from './http.js';

/**
 * Whether the service has a route: a route it lacks answers Nest's own 404 ("Cannot GET
 * ..."), a missing resource another 404.
 */
export async function hasRoute(origin: string, path: string): Promise<boolean> {
  const client = new HttpClient(origin);
  try {
    const answer = await client.send('GET', path);
    return !(answer.status === 404 && answer.body.includes('Cannot GET'));
  } finally {
    client.close();
  }
}
