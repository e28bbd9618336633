/**
 * One request for support: what is needed and for how many; the quotes for whoever asked; "I'd
 * like this too" for other holders (counted, never named); and a way to quote for providers.
 */
import { categoryLabel } from '@carepool/domain';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { DoneBanner, useDoneMutation } from '../../components/done-form.tsx';
import {
  BackLink,
  Button,
  ButtonLink,
  ErrorSummary,
  SummaryCard,
  SummaryList,
  Tag,
} from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { PersonRadios, usePersonChoice } from '../../components/person-chooser.tsx';
import { Await } from '../../components/query.tsx';
import { formatDate } from '../../lib/dates.ts';
import { formatPence } from '../../lib/money.ts';
import { issuesFromError, type SummaryIssue } from '../../lib/problems.ts';
import { type Me, useApi, useMe, useRouteQuery } from '../../session.tsx';
import { QuoteRows } from './quote-rows.tsx';
import { milesWords, peopleWords, requestHeading, type SupportRequest } from './request-words.ts';

const doneMessages: Record<string, string> = {
  posted:
    'Your request has been sent. Providers near you can now see it and send quotes. Nobody sees your name.',
  interest: 'We have added one more person to the count. Nobody sees your name, only how many would like it.',
  already: 'You had already said you would like this. You are counted once.',
  quoted: 'Your quote has been sent. The person who asked can accept it.',
};

export function RequestPage() {
  const { requestId = '' } = useParams();
  const request = useRouteQuery('getRequest', { params: { id: requestId } });
  const me = useMe();
  return (
    <>
      <PageTitle
        title={request.data ? requestHeading(request.data) : 'Request for support'}
        error={request.isError}
      />
      <BackLink to="/requests">Requests for support</BackLink>
      <DoneBanner messages={doneMessages} />
      {!request.data && <h1 className="govuk-heading-l">Request for support</h1>}
      <Await query={request}>
        {(data) => (
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              <span className="govuk-caption-l">Request for support</span>
              <h1 className="govuk-heading-l">{requestHeading(data)}</h1>
              <p className="govuk-body-l">{data.description}</p>
              <SummaryList
                rows={[
                  {
                    key: 'Status',
                    value:
                      data.status === 'accepted' ? (
                        <Tag colour="green">A quote was accepted</Tag>
                      ) : (
                        <Tag colour="blue">Open to quotes</Tag>
                      ),
                  },
                  { key: 'Kind of support', value: categoryLabel(data.category) },
                  { key: 'For', value: peopleWords(data) },
                  { key: 'When', value: data.when },
                  { key: 'Where', value: `Within ${milesWords(data.radiusKm)} of ${data.outcode}` },
                  {
                    key: 'The most each person could pay',
                    value: formatPence(data.budgetCeilingPerPersonPence),
                  },
                  { key: 'Quotes welcome until', value: formatDate(data.respondBy) },
                  { key: 'Quotes so far', value: String(data.quoteCount) },
                ]}
              />
              {data.youAsked ? (
                <QuotesForRequester request={data} />
              ) : (
                <>
                  <Interest request={data} me={me.data} />
                  <ProviderQuotes request={data} me={me.data} />
                </>
              )}
            </div>
          </div>
        )}
      </Await>
    </>
  );
}

function QuotesForRequester({ request }: { request: SupportRequest }) {
  return (
    <>
      <h2 className="govuk-heading-l">Quotes</h2>
      {request.quotes.length === 0 ? (
        <p className="govuk-body">
          No quotes yet. Providers near {request.outcode} can send quotes until{' '}
          {formatDate(request.respondBy)}.
        </p>
      ) : (
        request.quotes.map((quote) => {
          const accepted = request.acceptedQuoteId === quote.quoteId;
          return (
            <SummaryCard
              key={quote.quoteId}
              title={quote.providerName}
              actions={
                request.status === 'open' ? (
                  <Link
                    className="govuk-link"
                    to={`/requests/${request.requestId}/quotes/${quote.quoteId}/accept`}
                  >
                    Accept this quote<span className="govuk-visually-hidden"> from {quote.providerName}</span>
                  </Link>
                ) : accepted ? (
                  <Tag colour="green">Accepted</Tag>
                ) : undefined
              }
            >
              <QuoteRows quote={quote} />
            </SummaryCard>
          );
        })
      )}
    </>
  );
}

function Interest({ request, me }: { request: SupportRequest; me: Me | undefined }) {
  // Saying someone would like it too needs their leave to join groups for them.
  const { personId, choose } = usePersonChoice('group:join');
  const [chosen, setChosen] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const roles = me?.roles ?? [];
  const send = useDoneMutation({
    mutationFn: (id: string) =>
      api('registerInterest', { params: { id: request.requestId }, body: { personId: id } }),
    to: (result) =>
      `/requests/${request.requestId}?done=${result.alreadyInterested ? 'already' : 'interest'}`,
    replace: true,
    onError: (error) => setIssues(issuesFromError(error)),
  });
  if (request.status !== 'open' || !roles.some((r) => r === 'holder' || r === 'representative')) return null;
  return (
    <>
      <h2 className="govuk-heading-m">Would you like this too?</h2>
      <p className="govuk-body">
        Say so, and providers see that one more person would like it: a bigger group can mean a lower price.
        Nobody sees your name. It does not commit you to anything.
      </p>
      <ErrorSummary issues={issues} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const id = personId ?? chosen;
          if (!id) {
            setIssues([{ fieldId: 'interestPerson', message: 'Choose who would like this' }]);
            return;
          }
          setIssues([]);
          send.mutate(id);
        }}
      >
        {choose && (
          <PersonRadios
            id="interestPerson"
            legend="Who would like this?"
            scope="group:join"
            value={chosen}
            onChange={setChosen}
            issues={issues}
          />
        )}
        <Button variant="secondary" disabled={send.isPending}>
          I’d like this too
        </Button>
      </form>
    </>
  );
}

function ProviderQuotes({ request, me }: { request: SupportRequest; me: Me | undefined }) {
  const roles = me?.roles ?? [];
  if (!roles.includes('provider') && !roles.includes('broker')) return null;
  return (
    <>
      {request.quotes.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Your quotes</h2>
          {request.quotes.map((quote) => (
            <SummaryCard
              key={quote.quoteId}
              title={quote.providerName}
              actions={
                request.acceptedQuoteId === quote.quoteId ? <Tag colour="green">Accepted</Tag> : undefined
              }
            >
              <QuoteRows quote={quote} />
            </SummaryCard>
          ))}
        </>
      )}
      {request.status === 'open' && (
        <>
          <h2 className="govuk-heading-m">Could you offer this?</h2>
          <p className="govuk-body">
            Quote a price for one person, and lower prices for groups if you can. The person who asked
            chooses.
          </p>
          <ButtonLink to={`/requests/${request.requestId}/quote`}>Send a quote</ButtonLink>
        </>
      )}
    </>
  );
}
