import { KubeConfig } from '@kubernetes/client-node';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';

/** One answer of the API server, its body parsed when it is JSON. */
export interface KubeResponse<T = any> {
  status: number;
  body: T;
  /** The body as sent (a watch stream's newline-delimited events). */
  text: string;
}

/** One watch event, with when it arrived (ms after the request was sent). */
export interface TimedWatchEvent {
  type: string;
  object: any;
  atMs: number;
}

export const MERGE_PATCH = 'application/merge-patch+json';

interface Target {
  server: string;
  token?: string;
  ca?: string;
  skipTLSVerify: boolean;
}

function targetOf(kubeConfigYaml: string): Target {
  const kc = new KubeConfig();
  kc.loadFromString(kubeConfigYaml);
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('kubeconfig has no current cluster');
  const user = kc.getCurrentUser();
  return {
    server: cluster.server,
    token: user?.token,
    ca: cluster.caData
      ? Buffer.from(cluster.caData, 'base64').toString('utf8')
      : undefined,
    skipTLSVerify: cluster.skipTLSVerify,
  };
}

/** Synchronous request, run by a child node process (see `requestSync`). */
const SYNC_SCRIPT = `
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const u = new URL(input.url);
const mod = u.protocol === 'https:' ? require('https') : require('http');
const req = mod.request(u, { method: input.method, headers: input.headers, ca: input.ca, rejectUnauthorized: !input.insecure }, res => {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', c => (text += c));
  res.on('end', () => process.stdout.write(JSON.stringify({ status: res.statusCode, text })));
});
req.on('error', e => { process.stderr.write(String(e)); process.exit(1); });
if (input.body !== undefined) req.write(input.body);
req.end();
`;

/**
 * A bare HTTP client of the Kubernetes API for the conformance tests: the
 * exact status codes, bodies and watch streams, without a client library
 * interpreting them. Works on the sandbox (http) and kube-apiserver (https,
 * bearer token, the cluster's CA) alike.
 */
export class RawKube {
  private readonly target: Target;
  private readonly agent: http.Agent;

  constructor(kubeConfigYaml: string) {
    this.target = targetOf(kubeConfigYaml);
    const secure = this.target.server.startsWith('https:');
    this.agent = secure
      ? new https.Agent({
          keepAlive: true,
          ca: this.target.ca,
          rejectUnauthorized: !this.target.skipTLSVerify,
        })
      : new http.Agent({ keepAlive: true });
  }

  close(): void {
    this.agent.destroy();
  }

  private headers(body: string | undefined, contentType: string) {
    return {
      Accept: 'application/json',
      ...(this.target.token
        ? { Authorization: `Bearer ${this.target.token}` }
        : {}),
      ...(body === undefined
        ? {}
        : {
            'Content-Type': contentType,
            'Content-Length': String(Buffer.byteLength(body)),
          }),
    };
  }

  request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<KubeResponse<T>> {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const url = new URL(path, this.target.server);
    const mod = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = mod.request(
        url,
        {
          method,
          agent: this.agent,
          headers: this.headers(data, contentType),
        },
        res => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', chunk => (text += chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: parse(text), text }),
          );
        },
      );
      req.on('error', reject);
      if (data !== undefined) req.write(data);
      req.end();
    });
  }

  /**
   * The same request, blocking the event loop until the server answered: a
   * change that certainly lands before whatever the caller does next (used
   * inside a synchronous progress hook). Only for servers in another process.
   */
  requestSync<T = any>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): KubeResponse<T> {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const out = execFileSync(process.execPath, ['-e', SYNC_SCRIPT], {
      input: JSON.stringify({
        url: new URL(path, this.target.server).toString(),
        method,
        headers: this.headers(data, contentType),
        body: data,
        ca: this.target.ca,
        insecure: this.target.skipTLSVerify,
      }),
      timeout: 30_000,
    });
    const { status, text } = JSON.parse(out.toString('utf8'));
    return { status, body: parse(text), text };
  }

  /**
   * Opens a watch and collects its events until the server ends it (give
   * `timeoutSeconds` in the query) or `until` returns true.
   */
  watch(
    path: string,
    options: { until?: (events: TimedWatchEvent[]) => boolean } = {},
  ): Promise<{ status: number; events: TimedWatchEvent[]; text: string }> {
    const url = new URL(path, this.target.server);
    const mod = url.protocol === 'https:' ? https : http;
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const events: TimedWatchEvent[] = [];
      let buffer = '';
      let text = '';
      let done = false;
      const req = mod.request(
        url,
        {
          method: 'GET',
          // A connection of its own: a watch holds it until the server ends it.
          agent: false,
          ca: this.target.ca,
          rejectUnauthorized: !this.target.skipTLSVerify,
          headers: this.headers(undefined, ''),
        },
        res => {
          const finish = () => {
            if (done) return;
            done = true;
            resolve({ status: res.statusCode ?? 0, events, text });
          };
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            buffer += chunk;
            let newline = buffer.indexOf('\n');
            while (newline >= 0) {
              const line = buffer.slice(0, newline).trim();
              buffer = buffer.slice(newline + 1);
              if (line) {
                const event = JSON.parse(line);
                events.push({ ...event, atMs: Date.now() - started });
              }
              newline = buffer.indexOf('\n');
            }
            if (options.until?.(events)) {
              finish();
              req.destroy();
            }
          });
          res.on('end', finish);
          res.on('close', finish);
        },
      );
      req.on('error', error => (done ? undefined : reject(error)));
      req.end();
    });
  }
}

function parse(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
