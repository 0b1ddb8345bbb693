import { mockServices } from '@backstage/backend-test-utils';
import { SignalPayload } from '@backstage/plugin-signals-node';
import { outcomeEvent } from '../__testUtils__/outcomeEvent';
import type { NamespaceClaim } from '../catalog/NamespaceCatalog';
import { NamespaceChangePublisher } from './NamespaceChangePublisher';

const SHOP: NamespaceClaim = {
  cluster: 'prod',
  namespace: 'shop',
  entityRefs: ['component:default/shop-api', 'system:default/shop'],
  ownerRefs: ['group:default/team-commerce', 'user:default/dana'],
};

function setup(options: {
  claims?: NamespaceClaim[];
  publish?: jest.Mock<Promise<void>, [SignalPayload]>;
}) {
  const publish =
    options.publish ?? jest.fn(async (_signal: SignalPayload) => {});
  const logger = mockServices.logger.mock();
  const claims = options.claims ?? [SHOP];
  const publisher = NamespaceChangePublisher.create({
    signals: { publish },
    claims: {
      claimOf: async ref =>
        claims.find(
          c => c.cluster === ref.cluster && c.namespace === ref.namespace,
        ),
    },
    logger,
  });
  return { publisher, publish, logger };
}

describe('NamespaceChangePublisher', () => {
  it('tells the owners of the claiming entities, on the namespace channel, that an operation ended', async () => {
    const { publisher, publish } = setup({});

    await publisher.onOutcome(outcomeEvent('sleep'));

    expect(publish).toHaveBeenCalledTimes(1);
    expect(publish).toHaveBeenCalledWith({
      recipients: {
        type: 'user',
        entityRef: ['group:default/team-commerce', 'user:default/dana'],
      },
      channel: 'namespace-scheduler:namespace:prod/shop',
      message: { cluster: 'prod', namespace: 'shop', change: 'operation' },
    });
  });

  it('says what changed and nothing of the new state', async () => {
    const { publisher, publish } = setup({});

    await publisher.publish(
      { cluster: 'prod', namespace: 'shop' },
      'schedules',
    );

    expect(publish.mock.calls[0][0].message).toEqual({
      cluster: 'prod',
      namespace: 'shop',
      change: 'schedules',
    });
  });

  it('tells nobody of a namespace no entity claims, or whose entities have no owner', async () => {
    const { publisher, publish } = setup({
      claims: [{ ...SHOP, namespace: 'unowned', ownerRefs: [] }],
    });

    await publisher.publish(
      { cluster: 'prod', namespace: 'shop' },
      'operation',
    );
    await publisher.publish(
      { cluster: 'prod', namespace: 'unowned' },
      'operation',
    );

    expect(publish).not.toHaveBeenCalled();
  });

  it('logs a failed publish and never throws: the change itself stands', async () => {
    const publish = jest.fn(async (_signal: SignalPayload) => {
      throw new Error('events down');
    });
    const { publisher, logger } = setup({ publish });

    await expect(
      publisher.onOutcome(outcomeEvent('wake')),
    ).resolves.toBeUndefined();

    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/operation change of prod\/shop: events down/),
    );
  });
});
