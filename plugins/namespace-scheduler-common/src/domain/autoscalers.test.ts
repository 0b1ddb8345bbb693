import type { AutoscalerBounds } from '../types';
import { allowedTargets, autoscalerProblem, scaleRangeOf } from './autoscalers';
import { MAX_SCALE_REPLICAS } from './limits';

const api: AutoscalerBounds = {
  name: 'api-gateway',
  target: { kind: 'Deployment', name: 'api-gateway' },
  minReplicas: 2,
  maxReplicas: 10,
};
const users: AutoscalerBounds = {
  name: 'user-service',
  target: { kind: 'Deployment', name: 'user-service' },
  minReplicas: 3,
  maxReplicas: 8,
};

describe('autoscaler bounds of a scale', () => {
  it('allows 0 and every count within each HPA, the replica limit without one', () => {
    expect(scaleRangeOf([])).toEqual({ min: 1, max: MAX_SCALE_REPLICAS });
    expect(scaleRangeOf([api, users])).toEqual({ min: 3, max: 8 });
    for (const ok of [0, 3, 5, 8]) {
      expect(autoscalerProblem([api, users], ok)).toBeUndefined();
    }
    expect(autoscalerProblem([], 1000)).toBeUndefined();
  });

  it('names the HPA, its bound and its target when a scale would be undone', () => {
    expect(autoscalerProblem([api, users], 1)).toBe(
      '1 is below minReplicas 2 of HorizontalPodAutoscaler api-gateway, which would scale it back up (it scales Deployment api-gateway) — choose from 3 to 8, or 0 to sleep',
    );
    expect(autoscalerProblem([api, users], 9)).toBe(
      '9 is above maxReplicas 8 of HorizontalPodAutoscaler user-service, which would scale it back down (it scales Deployment user-service) — choose from 3 to 8, or 0 to sleep',
    );
  });

  it('says when only a sleep is possible, or one count', () => {
    const narrow = { ...users, minReplicas: 11, maxReplicas: 12 };
    expect(allowedTargets([api, narrow])).toBe(
      "only 0 (a sleep) is possible: the autoscalers' bounds do not overlap",
    );
    expect(allowedTargets([{ ...api, minReplicas: 4, maxReplicas: 4 }])).toBe(
      'choose 4, or 0 to sleep',
    );
  });
});
