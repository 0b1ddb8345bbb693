import { ConflictError, InputError } from '@backstage/errors';
import {
  describeScheduleIssues,
  findWindowConflict,
  formatNamespaceRef,
  Schedule,
  ScheduleInput,
  validateScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';
import type { NamespaceCatalog } from '../catalog/NamespaceCatalog';
import { describeWindow, humanTime } from './describeWindow';
import type { SiblingCheck } from './ScheduleStore';

/**
 * Whether a schedule may be saved at all: a valid body, on a configured
 * cluster, for a namespace some catalog entity claims. What it may not do to
 * the namespace's other schedules (overlap them) is checked where it is
 * written, by `noOverlap`.
 */
export class ScheduleValidator {
  static create(deps: {
    catalog: Pick<NamespaceCatalog, 'claimOf'>;
    clusterNames: () => string[];
  }): ScheduleValidator {
    return new ScheduleValidator(deps);
  }

  private constructor(
    private readonly deps: {
      catalog: Pick<NamespaceCatalog, 'claimOf'>;
      clusterNames: () => string[];
    },
  ) {}

  /** The schedule, valid, on a configured cluster and a namespace some entity claims. */
  async validate(body: unknown, now: Date): Promise<ScheduleInput> {
    const validation = validateScheduleInput(body, { now: now.getTime() });
    if (!validation.success) {
      throw new InputError(describeScheduleIssues(validation.issues));
    }
    const input = validation.schedule;
    const known = this.deps.clusterNames();
    if (!known.includes(input.cluster)) {
      throw new InputError(
        `cluster: unknown cluster "${input.cluster}" (configured: ${
          known.join(', ') || 'none'
        })`,
      );
    }
    if (!(await this.deps.catalog.claimOf(input))) {
      throw new InputError(
        `namespace: ${formatNamespaceRef(
          input,
        )} is not claimed by any catalog entity`,
      );
    }
    return input;
  }
}

/** A replacement keeps the kind; an override keeps its namespace and operation too. */
export function assertSameKind(existing: Schedule, input: ScheduleInput) {
  if (existing.kind !== input.kind) {
    throw new InputError(
      `kind: cannot change from ${existing.kind}; create a new schedule instead`,
    );
  }
  const moved =
    existing.cluster !== input.cluster ||
    existing.namespace !== input.namespace;
  if (
    existing.kind === 'override' &&
    input.kind === 'override' &&
    (moved || existing.operation !== input.operation)
  ) {
    throw new InputError(
      'operation: an override only changes its title, cost center and until; create a new one',
    );
  }
}

/**
 * A schedule declared in the catalog changes by pull request: the
 * reconciler would put back any edit made here.
 */
export function assertNotDeclared(existing: Schedule) {
  if (!existing.declared) return;
  const { entity_ref, source_url } = existing.declared;
  const where = source_url ? ` (${source_url})` : '';
  throw new ConflictError(
    `Schedule "${existing.title}" is declared in catalog-info.yaml of ${entity_ref}: change it there${where}`,
  );
}

/** Refuses a window overlapping or meeting another active window of the namespace. */
export function noOverlap(
  input: ScheduleInput,
  id: string | undefined,
  now: Date,
): SiblingCheck {
  return siblings => {
    const conflict = findWindowConflict(
      { ...input, id },
      siblings,
      now.getTime(),
    );
    if (conflict) {
      const { schedule, at } = conflict;
      throw new ConflictError(
        `The window overlaps the ${describeWindow(schedule)} of ` +
          `${formatNamespaceRef(input)}, first on ${humanTime(
            at,
            input.zone,
          )}: the windows of a namespace may not overlap or meet`,
      );
    }
  };
}
