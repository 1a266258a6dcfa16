import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SessionView } from '../../api/types';
import { useSelectContext } from '../../app/session';
import { PageTitle } from '../../components/PageTitle';
import { ErrorMessage, QueryState } from '../../components/QueryState';
import { useMyAccesses } from './queries';

/** Screen 1: the user's accesses; picking one sets the context every other screen acts in. */
export function ContextsScreen({ session }: { session: SessionView }) {
  const { t } = useTranslation('contexts');
  const accesses = useMyAccesses();
  const select = useSelectContext();
  const navigate = useNavigate();
  const list = accesses.data?.content ?? [];
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p>{t('lead')}</p>
      <QueryState isLoading={accesses.isLoading} error={accesses.error} />
      <ErrorMessage error={select.error} />
      {accesses.data && list.length === 0 ? <p>{t('empty')}</p> : null}
      <ul className="cards" aria-label={t('listLabel')}>
        {list.map((a) => {
          const current = a.id === session.accessId;
          return (
            <li key={a.id} className={current ? 'card current' : 'card'}>
              <h2>
                {t('entityDatabase', { entity: a.context.entity, database: a.context.database })}
              </h2>
              <dl className="facts">
                <dt>{t('role')}</dt>
                <dd>{t(`roles.${a.role}`)}</dd>
                <dt>{t('status')}</dt>
                <dd>{a.active ? t('active') : t('inactive')}</dd>
              </dl>
              {current ? (
                <p className="tag" aria-current="true">
                  {t('currentContext')}
                </p>
              ) : (
                <Button
                  className="btn"
                  isDisabled={!a.active || select.isPending}
                  onPress={() => select.mutate(a.id, { onSuccess: () => void navigate('/') })}
                  aria-label={t('useThisLabel', {
                    entity: a.context.entity,
                    database: a.context.database,
                  })}
                >
                  {t('useThis')}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
