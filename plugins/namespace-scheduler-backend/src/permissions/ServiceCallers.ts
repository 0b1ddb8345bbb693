import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';

/** Where services (e.g. CI pipelines with external access tokens) are mapped to the entity they act as. */
export const SERVICE_CALLERS_CONFIG_KEY = 'namespaceScheduler.serviceCallers';

type Principal = { type?: string; subject?: string; userEntityRef?: string };

/**
 * The service principals allowed to change things, each acting as a catalog
 * entity (usually a Group): owning what it owns, charging what its members
 * may charge. An unmapped service may only read.
 */
export class ServiceCallers {
  static fromConfig(config: Config): ServiceCallers {
    const entries = config.getOptionalConfigArray(SERVICE_CALLERS_CONFIG_KEY);
    return new ServiceCallers(
      new Map(
        (entries ?? []).map(entry => [
          entry.getString('subject'),
          stringifyEntityRef(parseEntityRef(entry.getString('actsAs'))),
        ]),
      ),
    );
  }

  static none(): ServiceCallers {
    return new ServiceCallers(new Map());
  }

  private constructor(private readonly actingAs: Map<string, string>) {}

  /**
   * The entity whose ownership counts for the caller: a user's own ref, or the
   * entity a mapped service acts as. Throws NotAllowedError (naming the config
   * key) for a service that is not mapped.
   */
  actorOf(credentials: BackstageCredentials): string {
    const principal = credentials.principal as Principal;
    if (principal.type === 'user' && principal.userEntityRef) {
      return principal.userEntityRef;
    }
    const actsAs = this.actsAs(principal.subject ?? '');
    if (!actsAs) {
      throw new NotAllowedError(
        `Service ${principal.subject} may only read: map its subject to a catalog entity in ${SERVICE_CALLERS_CONFIG_KEY} to let it make changes`,
      );
    }
    return actsAs;
  }

  /** The entity a service acts as; undefined when it is not mapped. */
  actsAs(subject: string): string | undefined {
    return this.actingAs.get(subject);
  }

  /**
   * Who is asking, as activities and schedules record it: the user's ref, or
   * `service:ci-shop (as group:default/team-commerce)`.
   */
  requesterOf(credentials: BackstageCredentials): string {
    const actor = this.actorOf(credentials);
    const subject = serviceSubjectOf(credentials);
    return subject === undefined ? actor : `service:${subject} (as ${actor})`;
  }
}

/** The subject of a service principal; undefined for anyone else. */
export function serviceSubjectOf(
  credentials: BackstageCredentials,
): string | undefined {
  const principal = credentials.principal as Principal;
  return principal.type === 'service' ? principal.subject : undefined;
}

/** The signed-in user's entity ref; undefined for services. */
export function userRefOf(
  credentials: BackstageCredentials,
): string | undefined {
  const principal = credentials.principal as Principal;
  return principal.type === 'user' ? principal.userEntityRef : undefined;
}

/**
 * Whose memberships a recorded requester has: `user:default/alice` itself,
 * `group:default/team-commerce` for `service:ci-shop (as group:default/team-commerce)`.
 */
export function actingRefOf(requestedBy: string): string {
  return /^service:\S+ \(as (.+)\)$/.exec(requestedBy)?.[1] ?? requestedBy;
}
