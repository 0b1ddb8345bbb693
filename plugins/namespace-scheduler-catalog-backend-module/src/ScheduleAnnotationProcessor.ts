import { RootConfigService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { ANNOTATION_SCHEDULE } from '@namespace-scheduler/backstage-plugin-common';
import {
  ScheduleCheckContext,
  scheduleAnnotationProblems,
} from './scheduleAnnotationProblems';

/**
 * Checks `namespace-scheduler/schedule` on every entity. Each problem is an
 * input error: the catalog shows it on the entity and keeps the entity's
 * previous version, so a bad value changes no schedule.
 *
 * @public
 */
export class ScheduleAnnotationProcessor implements CatalogProcessor {
  static fromConfig(config: RootConfigService): ScheduleAnnotationProcessor {
    return new ScheduleAnnotationProcessor({
      holidayCalendars:
        config
          .getOptionalConfig('namespaceScheduler.holidayCalendars')
          ?.keys() ?? [],
      defaultCluster: config.getOptionalString(
        'namespaceScheduler.defaultCluster',
      ),
    });
  }

  private constructor(private readonly context: ScheduleCheckContext) {}

  getProcessorName(): string {
    return 'NamespaceSchedulerScheduleAnnotationProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    for (const problem of scheduleAnnotationProblems(entity, this.context)) {
      emit(
        processingResult.inputError(
          location,
          `${ANNOTATION_SCHEDULE}: ${problem}`,
        ),
      );
    }
    return entity;
  }
}
