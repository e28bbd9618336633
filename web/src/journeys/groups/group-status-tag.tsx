import type { ResponseOf } from '../../api/client.ts';
import { Tag } from '../../components/govuk.tsx';
import { groupStatuses } from '../../lib/groups.ts';

export function GroupStatusTag({ status }: { status: ResponseOf<'getGroup'>['status'] }) {
  const { text, colour } = groupStatuses[status];
  return <Tag colour={colour}>{text}</Tag>;
}
