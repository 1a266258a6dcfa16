import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Subscription } from '../../api/types';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { SecretOnce } from '../../components/SecretOnce';
import { useCreateSubscription, useSubscriptions } from './queries';
import { emptyValues } from './subscription-form';
import { SubscriptionForm } from './SubscriptionForm';

export const STATUS_TONE: Record<string, string> = {
  active: 'tag-good',
  inactive: '',
  disabled: 'tag-bad',
};

/** Screen 4: the context's webhook subscriptions (event type, status, owner) and a new one. */
export function WebhooksScreen() {
  const { t } = useTranslation('webhooks');
  const list = useSubscriptions();
  const create = useCreateSubscription();
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<Subscription | null>(null);
  const subs = list.data?.content ?? [];
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p>{t('lead')}</p>
      {created?.secret ? (
        <>
          <SecretOnce
            label={t('signingSecret')}
            value={created.secret}
            onDone={() => setCreated(null)}
          />
          <p>
            <Link to={`/webhooks/${created.id}`}>{t('openCreated')}</Link>
          </p>
        </>
      ) : null}
      {adding ? (
        <section aria-labelledby="new-sub">
          <h2 id="new-sub">{t('new')}</h2>
          <SubscriptionForm
            initial={emptyValues()}
            editing={false}
            submitLabel={t('form.create')}
            pending={create.isPending}
            error={create.error}
            onSave={(body, onError) =>
              create.mutate(body, {
                onSuccess: (s) => {
                  setAdding(false);
                  setCreated(s);
                },
                onError,
              })
            }
          />
          <Button className="btn btn-secondary" onPress={() => setAdding(false)}>
            {t('common:cancel')}
          </Button>
        </section>
      ) : (
        <Button className="btn" onPress={() => setAdding(true)}>
          {t('new')}
        </Button>
      )}
      <h2>{t('list')}</h2>
      <QueryState isLoading={list.isLoading} error={list.error} />
      {list.data && subs.length === 0 ? <p>{t('empty')}</p> : null}
      {subs.length > 0 ? (
        <div className="table-wrap" role="region" aria-label={t('list')} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('cols.url')}</th>
                <th scope="col">{t('cols.action')}</th>
                <th scope="col">{t('cols.status')}</th>
                <th scope="col">{t('cols.owner')}</th>
              </tr>
            </thead>
            <tbody>
              {subs.map((s) => (
                <tr key={s.id}>
                  <th scope="row" className="break">
                    <Link to={`/webhooks/${s.id}`}>{s.postbackUrl}</Link>
                  </th>
                  <td>
                    <code>{s.action}</code>
                  </td>
                  <td>
                    <span className={`tag ${STATUS_TONE[s.status] ?? ''}`}>
                      {t(`status.${s.status}`)}
                    </span>
                    {s.disabledReason ? <span className="hint"> {s.disabledReason}</span> : null}
                  </td>
                  <td>
                    {s.techOwnerName} · {s.techOwnerEmail}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
