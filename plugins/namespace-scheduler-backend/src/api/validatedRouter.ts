import { ApiRouter } from '@backstage/backend-openapi-utils';
import { InputError } from '@backstage/errors';
import express, { ErrorRequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import Router from 'express-promise-router';
import { spec } from '../schema/openapi.generated';

type ValidatorOptions = Parameters<typeof OpenApiValidator.middleware>[0];

type ValidatorError = Error & {
  status: number;
  errors?: Array<{ path?: string; message: string }>;
};

function isValidatorError(error: unknown): error is ValidatorError {
  return error instanceof Error && 'status' in error && 'errors' in error;
}

/** body-parser's errors: `entity.parse.failed`, `entity.too.large`, … */
function isBodyParserError(error: unknown): error is Error & { type: string } {
  return (
    error instanceof Error &&
    'type' in error &&
    typeof error.type === 'string' &&
    error.type.startsWith('entity.')
  );
}

/** `/body/replicas must be >= 0; /body/requestedBy is not allowed` */
function describe(error: ValidatorError): string {
  const details = (error.errors ?? []).map(e => {
    const field = (e.path ?? '').replace(/^\.?\/?/, '').replace(/\//g, '.');
    const message = e.message.replace(
      'must NOT have additional properties',
      'is not an allowed field',
    );
    return field ? `${field} ${message}` : message;
  });
  return details.length ? details.join('; ') : error.message;
}

/**
 * Turns the validator's errors into 400 InputErrors that name every field at
 * fault — Backstage's stock transformer keeps only AJV's summary, which omits
 * the name of an unexpected field.
 */
const toInputError: ErrorRequestHandler = (error, _req, _res, next) => {
  // JSON.parse's own message ("\"0\" is not valid JSON") does not say which
  // part of the request is wrong, nor that a bare value is refused.
  if (isBodyParserError(error) && error.type === 'entity.parse.failed') {
    next(
      new InputError(
        `The request body must be a JSON object: ${error.message}`,
      ),
    );
    return;
  }
  if (isValidatorError(error) && error.status < 500) {
    next(new InputError(describe(error)));
    return;
  }
  next(error);
};

/**
 * An express router validated from the plugin's OpenAPI spec: requests that
 * break the contract never reach a handler. Handlers are typed by the spec.
 */
export function createSpecRouter(): ApiRouter<typeof spec> {
  const router = Router();
  router.use(express.json({ limit: '100kb' }));
  router.use(
    OpenApiValidator.middleware({
      apiSpec: spec as unknown as ValidatorOptions['apiSpec'],
      validateRequests: {
        coerceTypes: false,
        allowUnknownQueryParameters: false,
      },
      validateResponses: false,
      ignoreUndocumented: true,
      useRequestUrl: true,
    }),
  );
  router.use(toInputError);
  router.get('/openapi.json', (_req, res) => {
    res.json(spec);
  });
  return router as ApiRouter<typeof spec>;
}
