/**
 * "My services": a provider's own profiles, each with every listing (paused ones too), its group
 * purchases and links to its money, orders and profile, straight from the API, so nobody has to
 * know or type an id.
 */
import { Link, useSearchParams } from 'react-router';
import type { ResponseOf } from '../../api/client.ts';
import { NotificationBanner, Tag } from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await } from '../../components/query.tsx';
import { useRouteQuery } from '../../session.tsx';
import { listingStatuses, priceWords, providerStatuses, whenWords } from './labels.ts';
import { ProviderGroups } from './provider-groups.tsx';

type Provider = ResponseOf<'listMyProviders'>['items'][number];

/** The signed-in provider's or broker's own profiles. */
export function useMyProviders() {
  return useRouteQuery('listMyProviders', {});
}

const doneMessages: Record<string, (name: string) => string> = {
  'listing-changed': (name) => `You changed ${name}.`,
  'listing-paused': (name) => `You paused ${name}. Nobody can book it until you take bookings again.`,
  'listing-active': (name) => `${name} is taking bookings again.`,
  'listing-withdrawn': (name) => `You withdrew ${name}. People can no longer find it.`,
  'profile-changed': (name) => `You changed the profile of ${name}.`,
};

export function ProviderHomePage() {
  const providers = useMyProviders();
  const [params] = useSearchParams();
  const registeredId = params.get('registered');
  const registered = providers.data?.items.find((p) => p.providerId === registeredId);
  const done = params.get('done');
  const doneMessage = done ? doneMessages[done]?.(params.get('name') ?? 'it') : undefined;
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
      {doneMessage && (
        <NotificationBanner success title="Done">
          <p className="govuk-notification-banner__heading">{doneMessage}</p>
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
  const status = providerStatuses[provider.status];
  const action = (to: string, text: string, hidden: string, after = '') => (
    <li className="govuk-summary-card__action">
      <Link className="govuk-link" to={to}>
        {text}
        <span className="govuk-visually-hidden"> {hidden}</span>
        {after}
      </Link>
    </li>
  );
  return (
    <section className="govuk-summary-card" aria-labelledby={headingId}>
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title" id={headingId}>
          {provider.name} <Tag colour={status.colour}>{status.text}</Tag>
        </h2>
        <ul className="govuk-summary-card__actions">
          {action(`/provider/${id}/orders`, 'Orders and payouts', `for ${provider.name}`)}
          {action(`/provider/${id}/money`, 'Money owed and paid', `to ${provider.name}`)}
          {action(`/provider/${id}/profile`, 'Change profile', `of ${provider.name}`)}
          {action(`/providers/${id}`, 'Profile and listings', `of ${provider.name}`, ', as people see them')}
        </ul>
      </div>
      <div className="govuk-summary-card__content">
        {!provider.canBePaid && (
          <p className="govuk-body">
            The council has not checked this profile yet, so nobody can book or pay it from a personal budget.
          </p>
        )}
        <OwnListings providerId={id} name={provider.name} />
        <ProviderGroups providerId={id} name={provider.name} />
        <ul className="govuk-list">
          <li>
            <Link
              className="govuk-link"
              to={`/requests?near=${encodeURIComponent(provider.serviceArea.postcode)}`}
            >
              Requests for support near {provider.name}
            </Link>
          </li>
        </ul>
      </div>
    </section>
  );
}

/** Every listing the provider made, each with its state and what can be done with it. */
function OwnListings({ providerId, name }: { providerId: string; name: string }) {
  const listings = useRouteQuery('listOwnListings', { params: { id: providerId } });
  return (
    <>
      <h3 className="govuk-heading-s">What {name} offers</h3>
      <Await query={listings} loading="Loading the listings…">
        {(data) =>
          data.items.length === 0 ? (
            <p className="govuk-body">Nothing listed yet.</p>
          ) : (
            <ul className="govuk-list" aria-label={`Listings of ${name}`}>
              {data.items.map((listing) => {
                const state = listingStatuses[listing.status];
                return (
                  <li className="app-result" key={listing.listingId}>
                    <p className="govuk-body govuk-!-margin-bottom-1">
                      <Link
                        className="govuk-link govuk-!-font-weight-bold"
                        to={`/listings/${listing.listingId}`}
                      >
                        {listing.title}
                      </Link>{' '}
                      <Tag colour={state.colour}>{state.text}</Tag>
                    </p>
                    <p className="govuk-body-s govuk-!-margin-bottom-1">
                      {priceWords(listing)}. When: {whenWords(listing.availability)}
                    </p>
                    <ul className="govuk-list govuk-body-s">
                      <li>
                        <Link className="govuk-link" to={`/provider/listings/${listing.listingId}/edit`}>
                          Change<span className="govuk-visually-hidden"> {listing.title}</span>
                        </Link>
                      </li>
                      <li>
                        <Link className="govuk-link" to={`/provider/listings/${listing.listingId}/status`}>
                          {listing.status === 'active' ? 'Pause or withdraw' : 'Take bookings again'}
                          <span className="govuk-visually-hidden"> {listing.title}</span>
                        </Link>
                      </li>
                    </ul>
                  </li>
                );
              })}
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
