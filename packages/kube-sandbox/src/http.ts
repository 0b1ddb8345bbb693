import { IncomingMessage, ServerResponse } from 'node:http';
import { tooLarge } from './body';
import { ApiError, failure } from './errors';

/** Small helpers for answering over node:http. */

const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-cache, private',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: unknown): void {
  const apiError =
    error instanceof ApiError
      ? error
      : failure(
          500,
          `Internal error occurred: ${
            error instanceof Error ? error.message : String(error)
          }`,
        );
  const retryAfter = apiError.status.details?.retryAfterSeconds;
  sendJson(
    res,
    apiError.code,
    apiError.status,
    retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
  );
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.from(chunk);
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
