import { Agent, request } from 'node:http';

export interface Answer {
  status: number;
  body: string;
}

/** Keep-alive HTTP/1.1 with node:http: lighter than fetch for a paced load. */
export class HttpClient {
  // Enough sockets that an overloaded server, not this client's queue, sets the times.
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 2048 });

  constructor(private readonly origin: string) {}

  send(method: 'GET' | 'POST', path: string, body?: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(path, this.origin),
        {
          method,
          agent: this.agent,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
