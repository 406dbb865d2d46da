// Reading only the events of a run that came after the last one seen: pages in reverse order
// until the known event id (GetWorkflowExecutionHistory has no "after id" parameter).
import { GetWorkflowExecutionHistoryCommand } from '@aws-sdk/client-swf';
import type { HistoryEvent, SWFClient } from '@aws-sdk/client-swf';

/** Events with `eventId > afterEventId`, oldest first. */
export async function getEventsAfter(
  client: SWFClient,
  domain: string,
  execution: { workflowId: string; runId: string },
  afterEventId: number,
): Promise<HistoryEvent[]> {
  const newest: HistoryEvent[] = [];
  let nextPageToken: string | undefined;
  for (;;) {
    const page = await client.send(
      new GetWorkflowExecutionHistoryCommand({ domain, execution, reverseOrder: true, maximumPageSize: 100, nextPageToken }),
    );
    for (const event of page.events ?? []) {
      if ((event.eventId ?? 0) <= afterEventId) return newest.reverse();
      newest.push(event);
    }
    nextPageToken = page.nextPageToken || undefined;
    if (!nextPageToken) return newest.reverse();
  }
}
