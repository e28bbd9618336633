/** Accepting a quote as a group purchase: the group's questions at the quoted prices, then check. */
import { categoryLabel } from '@carepool/domain';
import { formatDate } from '../../lib/dates.ts';
import { useApi } from '../../session.tsx';
import { newGroupForm } from '../groups/group-form.tsx';
import { GroupSetupSteps } from '../groups/group-setup.tsx';
import type { Quote, SupportRequest } from './request-words.ts';

export function AcceptAsGroup({ request, quote }: { request: SupportRequest; quote: Quote }) {
  const groupTiers = quote.tiers.filter((t) => t.minParticipants >= 2);
  const smallest = Math.min(...groupTiers.map((t) => t.minParticipants));
  const api = useApi();
  return (
    <GroupSetupSteps
      initial={() =>
        newGroupForm(
          `${categoryLabel(request.category)} group near ${request.outcode}`,
          smallest,
          Math.max(smallest, request.participants + request.interestedCount, 10),
        )
      }
      tiers={groupTiers}
      limits={{ smallest, what: 'The group' }}
      send={(group) =>
        api('acceptQuote', {
          params: { id: request.requestId, quoteId: quote.quoteId },
          body: { kind: 'group', ...group },
        })
      }
      to={(result) =>
        result.groupId ? `/groups/${result.groupId}?done=created` : `/requests/${request.requestId}`
      }
      page={{
        title: 'Start a group with this quote',
        back: `/requests/${request.requestId}`,
        caption: quote.providerName,
      }}
      review={{
        title: 'Check the group before you accept the quote',
        caption: quote.providerName,
        rows: [{ key: 'Provider', value: quote.providerName }],
        confirm: 'Accept and start the group',
        note: (setup) => (
          <>
            Accepting starts the group. It does not set any money aside: join it yourself from its page, and
            share it with others. If fewer than {setup.minParticipants} people join by{' '}
            {formatDate(setup.deadline)}, it does not go ahead and nobody pays.
          </>
        ),
      }}
    />
  );
}
