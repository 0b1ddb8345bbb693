import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  MAX_COST_CENTER_LENGTH,
  MAX_SCALE_REPLICAS,
} from '@namespace-scheduler/backstage-plugin-common';
import { spec } from './openapi.generated';

describe('openapi spec', () => {
  it('openapi.generated.ts matches openapi.yaml (run generate:openapi after editing)', () => {
    const yaml = parse(
      fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
    );
    expect(spec).toEqual(yaml);
  });

  it('declares an operationId and an error response on every route', () => {
    const operations = Object.entries(spec.paths).flatMap(([route, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        route,
        method,
        operationId: operation.operationId,
        responses: Object.keys(operation.responses),
      })),
    );
    for (const op of operations) {
      expect(op.operationId).toMatch(/^[A-Z]\w+$/);
    }
    const withoutErrors = operations.filter(
      op => op.route !== '/health' && !op.responses.includes('default'),
    );
    expect(withoutErrors).toEqual([]);
  });

  it("uses the common package's limits, which the frontend forms enforce too", () => {
    const { schemas, parameters } = spec.components;
    expect(schemas.OperationRequest.properties.costCenter.maxLength).toBe(
      MAX_COST_CENTER_LENGTH,
    );
    expect(schemas.ScaleRequest.properties.costCenter.maxLength).toBe(
      MAX_COST_CENTER_LENGTH,
    );
    expect(parameters.costCenter.schema.maxLength).toBe(MAX_COST_CENTER_LENGTH);
    expect(schemas.ScaleRequest.properties.replicas.maximum).toBe(
      MAX_SCALE_REPLICAS,
    );
  });

  it('allows a scheduled scale as many replicas as a manual one (one limit, both routes)', () => {
    const { ScaleRequest, ScheduleInput } = spec.components.schemas;
    expect(ScheduleInput.properties.replicas).toEqual(
      ScaleRequest.properties.replicas,
    );
    expect(ScheduleInput.properties.replicas).toMatchObject({
      minimum: 0,
      maximum: MAX_SCALE_REPLICAS,
    });
  });

  it("bounds the cost estimate's replicas and cost center as a scale's", () => {
    const { parameters } = spec.paths['/cost-estimate'].get;
    const param = (name: string) =>
      parameters.find(p => 'name' in p && p.name === name);
    expect(param('replicas')).toMatchObject({
      schema: { minimum: 0, maximum: MAX_SCALE_REPLICAS },
    });
    expect(param('costCenter')).toMatchObject({
      schema: { maxLength: MAX_COST_CENTER_LENGTH },
    });
  });
});
