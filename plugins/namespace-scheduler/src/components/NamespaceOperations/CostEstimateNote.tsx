import Typography from '@material-ui/core/Typography';
import { CostEstimateQuery } from '../../api';
import { formatInstant, moneyFormat } from '../common';
import { OperationTarget } from './types';
import {
  estimateQuery,
  PricedEstimate,
  useCostEstimate,
} from './useCostEstimate';
import { Autoscalers, OperationForm } from './useOperationRun';

/** "Keeping shop-dev awake until Thu 3 Dec, 22:00 CET ≈ €3.40 on CC-1001". */
export function estimateText(
  namespace: string,
  query: CostEstimateQuery,
  estimate: PricedEstimate,
): string {
  const money = moneyFormat(estimate.currency);
  const on = estimate.cost_center ? ` on ${estimate.cost_center}` : '';
  const perHour = `${money(estimate.hourly_price)} per hour${on}`;
  if (query.operation === 'scale') {
    return `${namespace} at ${query.replicas} replicas ≈ ${perHour}`;
  }
  if (estimate.until && estimate.estimated_cost !== undefined) {
    // formatInstant labels the time with the display zone already.
    const until = formatInstant(estimate.until);
    return `Keeping ${namespace} awake until ${until} ≈ ${money(
      estimate.estimated_cost,
    )}${on}`;
  }
  return `Keeping ${namespace} awake ≈ ${perHour}`;
}

/**
 * The estimated cost of the wake or scale in the form, updated as it is
 * edited; nothing without configured prices or a valid form.
 */
export const CostEstimateNote = ({
  target,
  form,
  autoscalers,
}: {
  target: OperationTarget;
  form: OperationForm;
  autoscalers: Autoscalers;
}) => {
  const found = useCostEstimate(
    target,
    estimateQuery(target, form, autoscalers),
  );
  return (
    <div role="status" aria-label="Estimated cost">
      {found && (
        <Typography variant="body2">
          {estimateText(target.namespace, found.query, found.estimate)}
          <Typography variant="caption" color="textSecondary" component="span">
            {' '}
            (from its live CPU and memory requests at the cost report's prices)
          </Typography>
        </Typography>
      )}
    </div>
  );
};
