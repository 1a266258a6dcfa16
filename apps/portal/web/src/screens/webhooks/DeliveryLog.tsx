import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, QueryState } from '../../components/QueryState';
import { useFormat } from '../../components/format';
import { useDeliveries, useRetryDelivery } from './queries';

/** Svix/Convoy-style message log: each delivery, each attempt's outcome, and a retry button. */
export function DeliveryLog({ subscriptionId }: { subscriptionId: string }) {
  const { t } = useTranslation('webhooks');
  const deliveries = useDeliveries(subscriptionId);
  const retry = useRetryDelivery(subscriptionId);
  const format = useFormat();
  const list = deliveries.data?.content ?? [];
  return (
    <section aria-labelledby="log-title">
      <h2 id="log-title">{t('log.title')}</h2>
      <Button className="btn btn-secondary btn-small" onPress={() => void deliveries.refetch()}>
        {t('common:refresh')}
      </Button>
      <QueryState isLoading={deliveries.isLoading} error={deliveries.error} />
      <ErrorMessage error={retry.error} />
      {deliveries.data && list.length === 0 ? <p>{t('log.empty')}</p> : null}
      <ol className="deliveries">
        {list.map((d) => (
          <li key={d.id} className="delivery" data-testid="delivery">
            <div className="delivery-head">
              <span
                className={`tag ${d.status === 'succeeded' ? 'tag-good' : d.status === 'pending' ? 'tag-warn' : 'tag-bad'}`}
              >
                {t(`log.status.${d.status}`, { defaultValue: d.status })}
              </span>
              <code>{d.action}</code>
              <span className="hint">{format.dateTime(d.createdAt)}</span>
              <Button
                className="btn btn-small"
                isDisabled={retry.isPending}
                onPress={() => retry.mutate(d.id)}
                aria-label={t('log.retryLabel', {
                  action: d.action,
                  when: format.dateTime(d.createdAt),
                })}
              >
                {t('log.retry')}
              </Button>
            </div>
            <details>
              <summary>{t('log.attempts', { count: d.attempts })}</summary>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('log.time')}</th>
                      <th scope="col">{t('log.statusCode')}</th>
                      <th scope="col">{t('log.latency')}</th>
                      <th scope="col">{t('log.error')}</th>
                      <th scope="col">{t('log.response')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.attemptLog.map((a) => (
                      <tr key={a.attempt}>
                        <td>{format.dateTime(a.time)}</td>
                        <td data-testid="attempt-status">{a.statusCode ?? '—'}</td>
                        <td>{t('log.ms', { ms: a.latencyMs })}</td>
                        <td className="break">{a.error ?? '—'}</td>
                        <td className="break">
                          <code>{a.responseBody?.slice(0, 200) ?? '—'}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
