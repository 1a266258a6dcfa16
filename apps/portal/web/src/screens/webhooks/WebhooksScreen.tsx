import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { NewSubscription } from './NewSubscription';
import { useSubscriptions } from './queries';

export const STATUS_TONE: Record<string, string> = {
  active: 'tag-good',
  inactive: '',
  disabled: 'tag-bad',
};

/** Screen 4: the context's webhook subscriptions (event type, status, owner) and a new one. */
export function WebhooksScreen() {
  const { t } = useTranslation('webhooks');
  const list = useSubscriptions();
  const subs = list.data?.content ?? [];
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p>{t('lead')}</p>
      <NewSubscription />
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
