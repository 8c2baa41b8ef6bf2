import { Agent, request } from 'node:http';

export interface JsonAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * JSON over HTTP on kept-alive connections: for thousands of requests in a test, at a
 * fraction of fetch's cost.
 */
export class JsonClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 16 });

  post(url: string, body: unknown): Promise<JsonAnswer> {
    return this.send('POST', url, { 'content-type': 'application/json' }, JSON.stringify(body));
  }

  get(url: string, headers: Record<string, string> = {}): Promise<JsonAnswer> {
    return this.send('GET', url, headers);
  }

  close(): void {
    this.agent.destroy();
  }

  private send(
    method: string,
    url: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<JsonAnswer> {
    return new Promise((resolve, reject) => {
      const sent = request(url, { method, agent: this.agent, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
          }),
        );
      });
      sent.on('error', reject);
      sent.end(body);
    });
  }
}
