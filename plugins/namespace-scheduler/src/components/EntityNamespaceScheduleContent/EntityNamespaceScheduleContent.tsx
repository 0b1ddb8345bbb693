import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_NAMESPACES,
  isNamespaceSchedulerAvailable,
} from '@namespace-scheduler/backstage-plugin-common';
import { EntityNamespaceSchedule } from './EntityNamespaceSchedule';

/** The "Namespace schedule" tab of an entity page. */
export const EntityNamespaceScheduleContent = () => {
  const { entity } = useEntity();
  if (!isNamespaceSchedulerAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState
        annotation={[ANNOTATION_NAMESPACES, ANNOTATION_KUBERNETES_NAMESPACE]}
      />
    );
  }
  return <EntityNamespaceSchedule entityRef={stringifyEntityRef(entity)} />;
};
