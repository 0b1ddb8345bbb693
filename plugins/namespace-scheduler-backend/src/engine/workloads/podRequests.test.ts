import { parseQuantity, podRequestsOf } from './podRequests';

describe('parseQuantity', () => {
  it.each([
    ['250m', 0.25],
    ['2', 2],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['512Mi', 512 * 2 ** 20],
    ['1k', 1000],
    ['1e3', 1000],
    ['100M', 1e8],
  ])('reads %s', (text, value) => {
    expect(parseQuantity(text)).toBe(value);
  });

  it('counts a missing request as nothing', () => {
    expect(parseQuantity(undefined)).toBe(0);
  });
});

describe('podRequestsOf', () => {
  it('sums the containers of the pod template, not its init containers', () => {
    expect(
      podRequestsOf({
        spec: {
          initContainers: [
            { name: 'init', resources: { requests: { cpu: '4' } } },
          ],
          containers: [
            {
              name: 'app',
              resources: { requests: { cpu: '500m', memory: '1Gi' } },
            },
            { name: 'sidecar', resources: { requests: { cpu: '100m' } } },
            { name: 'bare' },
          ],
        },
      }),
    ).toEqual({ cpuCores: 0.6, memoryBytes: 2 ** 30 });
  });
});
