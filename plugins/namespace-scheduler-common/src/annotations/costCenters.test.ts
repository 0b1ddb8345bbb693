import { getEntityCostCenters } from './costCenters';

describe('getEntityCostCenters', () => {
  it('reads the annotation as a trimmed list without duplicates', () => {
    const entity = (annotations?: Record<string, string>) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x', annotations },
    });
    expect(
      getEntityCostCenters(
        entity({ 'namespace-scheduler/cost-centers': ' CC-1, CC-2 ,,CC-1' }),
      ),
    ).toEqual(['CC-1', 'CC-2']);
    expect(getEntityCostCenters(entity())).toEqual([]);
  });
});
