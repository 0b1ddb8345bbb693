import { HttpAuthService } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import express from 'express';
import { spec } from '../schema/openapi.generated';
import { NamespaceStatusService } from '../namespaces/NamespaceStatusService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  namespaceStatus: NamespaceStatusService;
  clusterNames: () => string[];
}

/** Thin HTTP layer: the OpenAPI spec validates, one service call per route. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, namespaceStatus } = options;
  const router = createValidatedOpenApiRouter(spec);
  const credentials = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/clusters', async (req, res) => {
    await credentials(req);
    res.json({ items: options.clusterNames().map(name => ({ name })) });
  });

  router.get('/namespaces', async (req, res) => {
    res.json({ items: await namespaceStatus.listAll(await credentials(req)) });
  });

  router.get('/entity-namespaces', async (req, res) => {
    const entityRef = normalizeEntityRef(req.query.entityRef);
    res.json({
      items: await namespaceStatus.listForEntity(entityRef, await credentials(req)),
    });
  });

  return router;
}

function normalizeEntityRef(value: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(value));
  } catch (error) {
    throw new InputError(`entityRef: ${(error as Error).message}`);
  }
}
