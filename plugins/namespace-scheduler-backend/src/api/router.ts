import { HttpAuthService } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import express from 'express';
import { spec } from '../schema/openapi.generated';
import { EntityNamespacesService } from '../namespaces/EntityNamespacesService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  entityNamespaces: EntityNamespacesService;
  clusterNames: () => { name: string; url?: string }[];
}

/** Thin HTTP layer: the OpenAPI spec validates, one service call per route. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, entityNamespaces } = options;
  const router = createValidatedOpenApiRouter(spec);

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/clusters', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: options.clusterNames() });
  });

  router.get('/entity-namespaces', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = normalizeEntityRef(req.query.entityRef);
    res.json({ items: await entityNamespaces.list(entityRef, credentials) });
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
