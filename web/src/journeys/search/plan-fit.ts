/** Whether support fits the signed-in holder's own plan, for search results and listing pages. */
import { lineTitle } from '../../components/budget-chart.tsx';
import { planFitWords } from '../../lib/plan-fit.ts';
import { useMe, useRouteQuery } from '../../session.tsx';

export type PlanFit = (listing: { category: string; pricePence: number }) => string | undefined;

export function usePlanFit(): PlanFit {
  const me = useMe();
  const personId = me.data?.roles.includes('holder') ? me.data.personId : undefined;
  const account = useRouteQuery(
    'getAccount',
    { params: { id: personId ?? '' } },
    { enabled: personId !== undefined },
  );
  const lines = account.data?.lines.map((line) => ({
    category: line.category,
    title: lineTitle(line),
    leftNowPence: line.leftNowPence,
  }));
  return (listing) => (personId ? planFitWords(lines, listing) : undefined);
}
