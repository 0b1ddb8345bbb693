import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  formatNamespaceRef,
  ManagedNamespaceRef,
  NamespaceChangeKind,
  namespaceChangeChannel,
  NamespaceChangedSignal,
} from '@namespace-scheduler/backstage-plugin-common';
import type { ClaimLookup } from '../notifications';
import type {
  OperationListener,
  OperationOutcomeEvent,
} from '../operations/OperationListener';

/**
 * Tells the pages showing a namespace that it changed, so they read it again
 * without ⟳: a Backstage signal on the namespace's channel after every
 * operation on it (as an operation listener: manual, scheduled, off-hours
 * boundary alike) and every change of its schedules (SignallingScheduleStore)
 * or repair. Through the events backend the signal reaches browsers on
 * every replica.
 *
 * Recipients are the owners of the entities that claim the namespace (users
 * and groups, matched against each connection's ownership refs): the people
 * the `isNamespaceOwner` rule lets read and operate it, as progress signals
 * go only to the user who asked. A namespace nobody claims is told to
 * nobody. The signal names the namespace and what changed, never its state.
 *
 * Publishing never throws: a failure is logged, and the change itself
 * stands (pages still see it on ⟳ or their next read).
 */
export class NamespaceChangePublisher implements OperationListener {
  readonly name = 'namespace-changes';

  static create(options: {
    signals: SignalsService;
    claims: ClaimLookup;
    logger: LoggerService;
  }): NamespaceChangePublisher {
    return new NamespaceChangePublisher(
      options.signals,
      options.claims,
      options.logger,
    );
  }

  private constructor(
    private readonly signals: SignalsService,
    private readonly claims: ClaimLookup,
    private readonly logger: LoggerService,
  ) {}

  /**
   * Runs before the operation's lease is given back: a page reading at once
   * may still see the operation running, and polls until it ends
   * (useSettlingNamespaces); the tab's debounce makes that rare.
   */
  onOutcome(event: OperationOutcomeEvent): Promise<void> {
    return this.publish(event.request, 'operation');
  }

  async publish(
    ref: ManagedNamespaceRef,
    change: NamespaceChangeKind,
  ): Promise<void> {
    const { cluster, namespace } = ref;
    const channel = namespaceChangeChannel(ref);
    try {
      const claim = await this.claims.claimOf({ cluster, namespace });
      if (!claim || claim.ownerRefs.length === 0) return;
      await this.signals.publish<NamespaceChangedSignal>({
        recipients: { type: 'user', entityRef: claim.ownerRefs },
        channel,
        message: { cluster, namespace, change },
      });
    } catch (error) {
      this.logger.warn(
        `Could not signal the ${change} change of ${formatNamespaceRef(ref)}: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }
}
