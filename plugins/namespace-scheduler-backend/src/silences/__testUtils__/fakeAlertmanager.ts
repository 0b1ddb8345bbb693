import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type RecordedRequest = { method: string; url: string; body: unknown };

/**
 * A real HTTP server answering Alertmanager's silence calls and recording
 * them; `failWith` makes it answer every call with that status instead.
 */
export async function startFakeAlertmanager() {
  const requests: RecordedRequest[] = [];
  let next = 1;
  let failWith: number | undefined;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        body: text ? JSON.parse(text) : undefined,
      });
      res.setHeader('content-type', 'application/json');
      if (failWith) {
        res.statusCode = failWith;
        res.end(JSON.stringify('failing on purpose'));
      } else if (req.method === 'POST') {
        res.end(JSON.stringify({ silenceID: `sil-${next++}` }));
      } else {
        res.end();
      }
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    fail(status: number | undefined) {
      failWith = status;
    },
    close: () => new Promise(resolve => server.close(resolve)),
  };
}
