import type { QuoteRecord, SupportRequestRecord } from './request.ts';
import type { UnmetCounts } from './unmet.ts';

export interface RequestStore {
  get(requestId: string): Promise<SupportRequestRecord | undefined>;
  quotes(requestId: string): Promise<QuoteRecord[]>;
  openInDistricts(outcodes: readonly string[], category?: string): Promise<SupportRequestRecord[]>;
  /** A council's requests created between two instants (for the unmet-demand report). */
  ofCouncil(councilId: string, from: string, to: string): Promise<SupportRequestRecord[]>;
  /**
   * The unmet-demand counters of a council for requests made on the days `fromDay`..`toDay`, and
   * those of requests closing on `today`, with the instant from which they are complete.
   */
  unmetCounts(councilId: string, fromDay: string, toDay: string, today: string): Promise<UnmetCounts>;
  create(request: SupportRequestRecord): Promise<void>;
  /** Counts a person's interest once; false if they had already said so. */
  addInterest(requestId: string, personId: string): Promise<boolean>;
  /** The people who said they would like this too (for inviting them to the group). */
  interestedPeople(requestId: string): Promise<string[]>;
  addQuote(quote: QuoteRecord): Promise<void>;
  /** Claims the request for one quote, once: a conflict if it is no longer open at that version. */
  markAccepted(requestId: string, quoteId: string, expectedVersion: number): Promise<void>;
  /** Hands back a claim whose booking was refused: the request is open (and searchable) again. */
  reopen(request: SupportRequestRecord, quoteId: string, claimedVersion: number): Promise<void>;
}
