import { CostCenterDeclaration } from '@namespace-scheduler/backstage-plugin-common';
import {
  ManagedNamespaceRef,
  NamespaceCatalog,
} from '../catalog/NamespaceCatalog';
import { CostCenterDirectory, CostCenterSource } from './CostCenterCatalog';

/**
 * The catalog's read model of cost centers: a namespace may be charged to
 * those the entities claiming it declare, or inherit from their owning Group.
 * Says nothing about who may charge them (CostCenterAuthorization).
 */
export class ValidCostCenters {
  static create(options: {
    directory: CostCenterDirectory;
    claims: Pick<NamespaceCatalog, 'allClaims'>;
  }): ValidCostCenters {
    return new ValidCostCenters(options.directory, options.claims);
  }

  private constructor(
    private readonly directory: CostCenterDirectory,
    private readonly claims: Pick<NamespaceCatalog, 'allClaims'>,
  ) {}

  /** The namespace's valid cost centers, in declaration order. */
  async validFor(ref: ManagedNamespaceRef): Promise<string[]> {
    return namesOf(await this.directory.validFor(ref));
  }

  /** The namespace's valid cost centers, each with the entities declaring it. */
  async declaredFor(
    ref: ManagedNamespaceRef,
  ): Promise<
    Array<{ costCenter: string; declaredBy: CostCenterDeclaration[] }>
  > {
    const sources = await this.directory.validFor(ref);
    return namesOf(sources).map(costCenter => ({
      costCenter,
      declaredBy: declarationsOf(costCenter, sources),
    }));
  }

  /** The namespace's valid cost centers, and why `costCenter` is not among them. */
  async check(
    costCenter: string,
    ref: ManagedNamespaceRef,
  ): Promise<{ invalid?: string; names: string[] }> {
    const names = await this.validFor(ref);
    if (names.includes(costCenter)) return { names };
    const declared = names.length
      ? `declare ${names.join(', ')}`
      : 'declare no cost centers';
    return {
      invalid: `is not valid for ${ref.cluster}/${ref.namespace}: the entities claiming it ${declared}`,
      names,
    };
  }

  /** Every annotation declaring cost centers, on any entity. */
  declarations(): Promise<CostCenterSource[]> {
    return this.directory.declarations();
  }

  /** Every claimed namespace, under each cost center valid for it. */
  async namespacesByCostCenter(): Promise<Map<string, ManagedNamespaceRef[]>> {
    const result = new Map<string, ManagedNamespaceRef[]>();
    for (const { cluster, namespace } of await this.claims.allClaims()) {
      for (const costCenter of await this.validFor({ cluster, namespace })) {
        result.set(costCenter, [
          ...(result.get(costCenter) ?? []),
          { cluster, namespace },
        ]);
      }
    }
    return result;
  }
}

/** The entities among `sources` that declare `costCenter`. */
export function declarationsOf(
  costCenter: string,
  sources: CostCenterSource[],
): CostCenterDeclaration[] {
  return sources
    .filter(source => source.costCenter === costCenter)
    .map(source => ({
      entity_ref: source.entityRef,
      ...(source.inheritedFrom && { inherited_from: source.inheritedFrom }),
    }));
}

function namesOf(sources: CostCenterSource[]): string[] {
  return [...new Set(sources.map(source => source.costCenter))];
}
