import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { ErrorMessage, QueryState } from '../../components/QueryState';
import { useFormat } from '../../components/format';
import { useAccesses, useAccessRequests, useDecideRequest, useRevokeAccess } from './queries';

/** Screen 6: who may act in this context, and the requests waiting for an administrator. */
export function AccessesScreen() {
  const { t } = useTranslation('accesses');
  const requests = useAccessRequests();
  const accesses = useAccesses();
  const decide = useDecideRequest();
  const revoke = useRevokeAccess();
  const format = useFormat();
  const pending = requests.data?.content ?? [];
  const list = accesses.data?.content ?? [];
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <section aria-labelledby="requests-title">
        <h2 id="requests-title">{t('requests.title')}</h2>
        <QueryState isLoading={requests.isLoading} error={requests.error} />
        <ErrorMessage error={decide.error} />
        {requests.data && pending.length === 0 ? <p>{t('requests.empty')}</p> : null}
        <ul className="cards">
          {pending.map((r) => (
            <li key={r.id} className="card">
              <h3>{r.user}</h3>
              <p>{r.message ?? t('requests.noMessage')}</p>
              <p className="hint">{t('requests.asked', { when: format.dateTime(r.createdAt) })}</p>
              <div className="actions">
                <Button
                  className="btn"
                  isDisabled={decide.isPending}
                  onPress={() => decide.mutate({ id: r.id, decision: 'allow' })}
                  aria-label={t('requests.allowLabel', { user: r.user })}
                >
                  {t('requests.allow')}
                </Button>
                <Button
                  className="btn btn-warning"
                  isDisabled={decide.isPending}
                  onPress={() => decide.mutate({ id: r.id, decision: 'deny' })}
                  aria-label={t('requests.denyLabel', { user: r.user })}
                >
                  {t('requests.deny')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="accesses-title">
        <h2 id="accesses-title">{t('list.title')}</h2>
        <QueryState isLoading={accesses.isLoading} error={accesses.error} />
        <ErrorMessage error={revoke.error} />
        {list.length > 0 ? (
          <div className="table-wrap" role="region" aria-labelledby="accesses-title" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('list.user')}</th>
                  <th scope="col">{t('list.role')}</th>
                  <th scope="col">{t('list.lastActivity')}</th>
                  <th scope="col">{t('list.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{a.user}</th>
                    <td>{t(`roles.${a.role}`)}</td>
                    <td>{format.dateTime(a.lastActivityAt)}</td>
                    <td>
                      <Button
                        className="btn btn-small btn-warning"
                        isDisabled={revoke.isPending}
                        onPress={() => revoke.mutate(a.id)}
                        aria-label={t('list.revokeLabel', { user: a.user })}
                      >
                        {t('list.revoke')}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}
