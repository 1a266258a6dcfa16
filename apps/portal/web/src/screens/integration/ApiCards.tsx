import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Subscription } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { NewSubscription } from '../webhooks/NewSubscription';
import { useSubscriptions } from '../webhooks/queries';

/** One subscription as the `001_*` cards list it: Webhook (header, rate limit, URL) and OAuth2. */
function SubscriptionCards({ s }: { s: Subscription }) {
  const { t } = useTranslation('integration');
  const headers = Object.keys(s.clientHeaders ?? {});
  return (
    <li className="card" data-testid={`cards-${s.id}`}>
      <h3 className="break">{s.postbackUrl}</h3>
      <h4>{t('cards.webhook')}</h4>
      <dl className="facts">
        <dt>{t('cards.headers')}</dt>
        <dd>{headers.length ? headers.join(', ') : t('common:none')}</dd>
        <dt>{t('cards.rateLimit')}</dt>
        <dd>
          {s.rateLimit
            ? t('cards.rate', { requests: s.rateLimit.requests, seconds: s.rateLimit.perSeconds })
            : t('cards.noRateLimit')}
        </dd>
        <dt>{t('cards.url')}</dt>
        <dd className="break">{s.postbackUrl}</dd>
      </dl>
      <h4>{t('cards.oauth2')}</h4>
      {s.oauth2 ? (
        <dl className="facts">
          <dt>{t('cards.scope')}</dt>
          <dd>{s.oauth2.scope || '—'}</dd>
          <dt>{t('cards.authType')}</dt>
          <dd>
            <code>{s.oauth2.authType}</code>
          </dd>
          <dt>{t('cards.tokenUrl')}</dt>
          <dd className="break">{s.oauth2.tokenUrl}</dd>
          <dt>{t('cards.secret')}</dt>
          <dd>••••••••</dd>
          <dt>{t('cards.clientId')}</dt>
          <dd>
            <code>{s.oauth2.clientId}</code>
          </dd>
        </dl>
      ) : (
        <p className="hint">{t('cards.noOAuth2')}</p>
      )}
      <Link to={`/webhooks/${s.id}`} aria-label={t('cards.editLabel', { url: s.postbackUrl })}>
        {t('cards.edit')}
      </Link>
    </li>
  );
}

/**
 * With the API channel on (`001_*`): the Webhook card and the OAuth2 card, both optional. They
 * are a webhook subscription's own fields, so webhooks checks them and names what is wrong next
 * to each field.
 */
export function ApiCards() {
  const { t } = useTranslation('integration');
  const subs = useSubscriptions();
  const list = subs.data?.content ?? [];
  return (
    <section aria-labelledby="cards-title">
      <h2 id="cards-title">{t('cards.title')}</h2>
      <p>{t('cards.lead')}</p>
      <QueryState isLoading={subs.isLoading} error={subs.error} />
      {list.length > 0 ? (
        <ul className="cards">
          {list.map((s) => (
            <SubscriptionCards key={s.id} s={s} />
          ))}
        </ul>
      ) : null}
      <NewSubscription level={3} label={list.length ? t('cards.another') : t('cards.setUp')} />
    </section>
  );
}
