/**
 * "My services": a provider's own profiles, each with its listings and group purchases, straight
 * from the API (`GET /v1/me/providers`), so nobody has to know or type a profile's id.
 */
import { Link, useSearchParams } from 'react-router';
import type { ResponseOf } from '../api/client.ts';
import { NotificationBanner } from '../components/govuk.tsx';
import { PageTitle } from '../components/layout.tsx';
import { Await } from '../components/query.tsx';
import { formatDate } from '../lib/dates.ts';
import { groupStatuses } from '../lib/groups.ts';
import { priceUnits } from '../lib/labels.ts';
import { formatPence } from '../lib/money.ts';
import { useAllPages, useRouteQuery } from '../session.tsx';
import { ProviderStatusTag } from './search.tsx';

type Provider = ResponseOf<'listMyProviders'>['items'][number];

/** The signed-in provider's or broker's own profiles. */
export function useMyProviders() {
  return useRouteQuery('listMyProviders', {});
}

export function ProviderHomePage() {
  const providers = useMyProviders();
  const [params] = useSearchParams();
  const registeredId = params.get('registered');
  const registered = providers.data?.items.find((p) => p.providerId === registeredId);
  return (
    <>
      <PageTitle title="My services" />
      {registeredId && (
        <NotificationBanner success title="Registered">
          <p className="govuk-notification-banner__heading">
            You are registered. Add what {registered?.name ?? 'you'} {registered ? 'offers' : 'offer'}, then
            the council will check your evidence.
          </p>
        </NotificationBanner>
      )}
      <h1 className="govuk-heading-xl">My services</h1>
      <Await query={providers} loading="Loading your services…">
        {(data) =>
          data.items.length === 0 ? (
            <p className="govuk-body">
              You have not registered a provider profile yet. Register to list what you offer.
            </p>
          ) : (
            data.items.map((provider) => <ProviderCard key={provider.providerId} provider={provider} />)
          )
        }
      </Await>
      <h2 className="govuk-heading-m">Offer something new</h2>
      <p className="govuk-body">
        <Link className="govuk-link" to="/provider/register">
          Register as a provider<span className="govuk-visually-hidden"> with another profile</span>
        </Link>
      </p>
    </>
  );
}

function ProviderCard({ provider }: { provider: Provider }) {
  const id = provider.providerId;
  const headingId = `provider-${id}`;
  return (
    <section className="govuk-summary-card" aria-labelledby={headingId}>
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title" id={headingId}>
          {provider.name} <ProviderStatusTag status={provider.status} />
        </h2>
        <ul className="govuk-summary-card__actions">
          <li className="govuk-summary-card__action">
            <Link className="govuk-link" to={`/provider/${id}/orders`}>
              Orders and payouts<span className="govuk-visually-hidden"> for {provider.name}</span>
            </Link>
          </li>
          <li className="govuk-summary-card__action">
            <Link className="govuk-link" to={`/providers/${id}`}>
              Profile and listings<span className="govuk-visually-hidden"> of {provider.name}</span>, as
              people see them
            </Link>
          </li>
        </ul>
      </div>
      <div className="govuk-summary-card__content">
        {!provider.canBePaid && (
          <p className="govuk-body">
            The council has not checked this profile yet, so nobody can book or pay it from a personal budget.
          </p>
        )}
        <ProviderListings providerId={id} name={provider.name} />
        <ProviderGroups providerId={id} name={provider.name} />
        <p className="govuk-body">
          <Link
            className="govuk-link"
            to={`/requests?near=${encodeURIComponent(provider.serviceArea.postcode)}`}
          >
            Requests for support near {provider.name}
          </Link>
        </p>
      </div>
    </section>
  );
}

function ProviderListings({ providerId, name }: { providerId: string; name: string }) {
  const listings = useRouteQuery('listProviderListings', { params: { id: providerId } });
  return (
    <>
      <h3 className="govuk-heading-s">What {name} offers</h3>
      <Await query={listings} loading="Loading the listings…">
        {(data) =>
          data.items.length === 0 ? (
            <p className="govuk-body">Nothing listed yet.</p>
          ) : (
            <ul className="govuk-list" aria-label={`Listings of ${name}`}>
              {data.items.map((listing) => (
                <li key={listing.listingId}>
                  <Link className="govuk-link" to={`/listings/${listing.listingId}`}>
                    {listing.title}
                  </Link>{' '}
                  <span className="govuk-body-s">
                    {formatPence(listing.pricePence)} {priceUnits[listing.priceUnit]}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </Await>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/provider/${providerId}/listings/new`}>
          Add a listing<span className="govuk-visually-hidden"> for {name}</span>
        </Link>
      </p>
    </>
  );
}

/** The group purchases a provider runs, each opening the group's page, where delivery is recorded. */
export function ProviderGroups({ providerId, name }: { providerId: string; name: string }) {
  const groups = useAllPages('listProviderGroups', { params: { id: providerId }, query: {} });
  return (
    <>
      <h3 className="govuk-heading-s">Group purchases {name} runs</h3>
      <Await query={groups} loading="Loading the group purchases…">
        {(data) =>
          data.items.length === 0 ? (
            <p className="govuk-body">No group purchases yet.</p>
          ) : (
            <ul className="govuk-list" aria-label={`Group purchases of ${name}`}>
              {data.items.map((group) => (
                <li key={group.groupId}>
                  <Link className="govuk-link" to={`/groups/${group.groupId}`}>
                    {group.title}
                  </Link>{' '}
                  <span className="govuk-body-s">
                    {groupStatuses[group.status].text}, {group.memberCount} joined,{' '}
                    {group.schedule.kind === 'one_off' ? 'on' : 'first session'}{' '}
                    {formatDate(
                      group.schedule.kind === 'one_off' ? group.schedule.at : group.schedule.firstAt,
                    )}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </Await>
    </>
  );
}
