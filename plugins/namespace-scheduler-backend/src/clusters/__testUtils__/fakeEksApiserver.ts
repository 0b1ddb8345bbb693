import { createHash, createHmac } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AwsIdentity } from './fakeSts';

const TOKEN_PREFIX = 'k8s-aws-v1.';
/** How long EKS (aws-iam-authenticator) accepts a token after it is signed. */
const TOKEN_LIFETIME_MS = 15 * 60_000;
/** SHA-256 of an empty payload: a presigned GET signs no body. */
const EMPTY_PAYLOAD_SHA256 = createHash('sha256').update('').digest('hex');

/** What a token proved: who signed it, and the presigned URL's parameters. */
export interface VerifiedToken {
  identity: AwsIdentity;
  query: Record<string, string>;
}

/**
 * Checks an EKS bearer token as aws-iam-authenticator would before it asks
 * STS, and checks the signature STS would check: `k8s-aws-v1.` + base64url of
 * a presigned `GET https://sts.<region>.amazonaws.com/?Action=GetCallerIdentity`
 * URL, SigV4 query-signed for service `sts` by a known identity (`identities`
 * by access key id), its signed headers `host` and `x-k8s-aws-id` with the
 * value `clusterId`. Throws saying what is wrong.
 */
export function verifyEksToken(
  token: string,
  expected: {
    clusterId: string;
    region: string;
    identities: (accessKeyId: string) => AwsIdentity | undefined;
    now?: number;
  },
): VerifiedToken {
  if (!token.startsWith(TOKEN_PREFIX))
    throw new Error('not a k8s-aws-v1 token');
  const encoded = token.slice(TOKEN_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) throw new Error('not base64url');
  const url = new URL(Buffer.from(encoded, 'base64url').toString('utf8'));
  const host = `sts.${expected.region}.amazonaws.com`;
  if (url.protocol !== 'https:' || url.host !== host || url.pathname !== '/') {
    throw new Error(
      `presigned URL is not https://${host}/: ${url.origin}${url.pathname}`,
    );
  }
  const query = Object.fromEntries(url.searchParams);
  const need = (name: string) => {
    const value = query[name];
    if (value === undefined) throw new Error(`${name} is missing`);
    return value;
  };
  if (
    need('Action') !== 'GetCallerIdentity' ||
    need('Version') !== '2011-06-15'
  ) {
    throw new Error(
      `not sts:GetCallerIdentity: ${query.Action} ${query.Version}`,
    );
  }
  if (need('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') {
    throw new Error(`X-Amz-Algorithm is ${query['X-Amz-Algorithm']}`);
  }
  const [accessKeyId, day, region, service, terminator] =
    need('X-Amz-Credential').split('/');
  if (
    region !== expected.region ||
    service !== 'sts' ||
    terminator !== 'aws4_request'
  ) {
    throw new Error(
      `X-Amz-Credential has scope ${day}/${region}/${service}/${terminator}`,
    );
  }
  const signedHeaders = need('X-Amz-SignedHeaders').split(';');
  if (!signedHeaders.includes('x-k8s-aws-id')) {
    throw new Error('x-k8s-aws-id is not among X-Amz-SignedHeaders');
  }
  const known: Record<string, string> = {
    host,
    'x-k8s-aws-id': expected.clusterId,
  };
  const unknown = signedHeaders.filter(h => !(h in known));
  if (unknown.length) throw new Error(`unexpected signed headers ${unknown}`);
  const expires = need('X-Amz-Expires');
  if (!/^\d+$/.test(expires) || Number(expires) > TOKEN_LIFETIME_MS / 1000) {
    throw new Error(`X-Amz-Expires ${expires} is not 0-900 seconds`);
  }
  const amzDate = need('X-Amz-Date');
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!match || !amzDate.startsWith(day)) {
    throw new Error(
      `X-Amz-Date ${amzDate} does not match the credential's day ${day}`,
    );
  }
  const [, y, mo, d, h, mi, s] = match;
  const signedAt = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  const now = expected.now ?? Date.now();
  if (now - signedAt > TOKEN_LIFETIME_MS || signedAt - now > 60_000) {
    throw new Error(`token signed at ${amzDate} is expired or from the future`);
  }
  const identity = expected.identities(accessKeyId);
  if (!identity) throw new Error(`unknown access key id ${accessKeyId}`);
  if (query['X-Amz-Security-Token'] !== identity.sessionToken) {
    throw new Error(
      'X-Amz-Security-Token is not the session token of the access key',
    );
  }

  const canonicalQuery = Object.entries(query)
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [rfc3986(name), rfc3986(value)])
    .sort(([a], [b]) => (a < b ? -1 : 1)) // names are unique
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const sorted = [...signedHeaders].sort();
  const canonicalRequest = [
    'GET',
    '/',
    canonicalQuery,
    sorted.map(name => `${name}:${known[name]}\n`).join(''),
    sorted.join(';'),
    EMPTY_PAYLOAD_SHA256,
  ].join('\n');
  const scope = `${day}/${region}/sts/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  let key: Buffer = Buffer.from(`AWS4${identity.secretAccessKey}`);
  for (const part of [day, region, 'sts', 'aws4_request']) {
    key = createHmac('sha256', key).update(part).digest();
  }
  const signature = createHmac('sha256', key)
    .update(stringToSign)
    .digest('hex');
  if (signature !== need('X-Amz-Signature')) {
    throw new Error(
      `signature does not verify for x-k8s-aws-id "${expected.clusterId}" and ${accessKeyId}`,
    );
  }
  return { identity, query };
}

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** One request the fake apiserver answered, with who sent it. */
export interface EksRequest {
  path: string;
  token: string | undefined;
  /** The ARN the token proved, or why it was refused (401). */
  identity?: string;
  refused?: string;
}

/**
 * An EKS API server stand-in on loopback HTTPS: every request must carry a
 * token `verifyEksToken` accepts for `clusterId`, or it gets a 401. It serves
 * API discovery, a Namespace list and a Namespace watch (one ADDED event).
 */
export async function startFakeEksApiserver(options: {
  clusterId: string;
  region: string;
  identities: (accessKeyId: string) => AwsIdentity | undefined;
  tls: { key: string; cert: string };
}) {
  const requests: EksRequest[] = [];
  const namespace = (name: string) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, resourceVersion: '7' },
  });
  const server = https.createServer(options.tls, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://apiserver');
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const seen: EksRequest = { path: url.pathname + url.search, token };
    requests.push(seen);
    const json = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      if (!token) throw new Error('no bearer token');
      seen.identity = verifyEksToken(token, options).identity.arn;
    } catch (error) {
      seen.refused = (error as Error).message;
      json(401, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
      return;
    }
    if (url.pathname === '/apis') {
      json(200, { kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
    } else if (
      url.pathname === '/api/v1/namespaces' &&
      url.searchParams.get('watch')
    ) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        `${JSON.stringify({ type: 'ADDED', object: namespace('team-a') })}\n`,
      );
    } else if (url.pathname === '/api/v1/namespaces') {
      json(200, {
        kind: 'NamespaceList',
        apiVersion: 'v1',
        metadata: { resourceVersion: '7' },
        items: [namespace('default'), namespace('team-a')],
      });
    } else {
      json(404, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason: 'NotFound',
        code: 404,
      });
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}
