import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SessionView } from '../../api/types';
import { PageTitle } from '../../components/PageTitle';
import { useCurrentEntity } from '../contexts/queries';
import { IntegrationState } from './IntegrationState';
import { useLicenses } from '../licenses/queries';
import { useUnreadCount } from '../notifications/queries';
import { useSubscriptions } from '../webhooks/queries';

/** Screen 1's home: where the integration stands in the chosen context. */
export function HomeScreen({ session }: { session: SessionView }) {
  const { t } = useTranslation('home');
  const has = Boolean(session.accessId);
  const entity = useCurrentEntity(has);
  const subscriptions = useSubscriptions(has);
  const licenses = useLicenses(has);
  const unread = useUnreadCount(has);
  if (!has) {
    return (
      <>
        <PageTitle>{t('title')}</PageTitle>
        <p>{t('noContext')}</p>
        <Link className="btn" to="/contexts">
          {t('common:chooseContext')}
        </Link>
      </>
    );
  }
  const subs = subscriptions.data?.content ?? [];
  const lic = licenses.data?.content ?? [];
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p className="lead">
        {entity.data ? t('entity', { name: entity.data.nome }) : t('loadingEntity')}
      </p>
      <IntegrationState />
      <ul className="cards summary">
        <li className="card">
          <h2>{t('webhooks.title')}</h2>
          <p>{t('webhooks.count', { count: subs.filter((s) => s.status === 'active').length })}</p>
          {subs.some((s) => s.status === 'disabled') ? (
            <p className="tag tag-bad">{t('webhooks.disabled')}</p>
          ) : null}
          <Link to="/webhooks">{t('webhooks.link')}</Link>
        </li>
        <li className="card">
          <h2>{t('licenses.title')}</h2>
          <p>{t('licenses.valid', { count: lic.filter((l) => l.code === 'VALID').length })}</p>
          {lic.some((l) => l.code !== 'VALID') ? (
            <p className="tag tag-warn">{t('licenses.attention')}</p>
          ) : null}
          <Link to="/licenses">{t('licenses.link')}</Link>
        </li>
        <li className="card">
          <h2>{t('notifications.title')}</h2>
          <p>{t('notifications.unread', { count: unread.data?.count ?? 0 })}</p>
          <Link to="/notifications">{t('notifications.link')}</Link>
        </li>
        <li className="card">
          <h2>{t('applications.title')}</h2>
          <p>{t('applications.text')}</p>
          <Link to="/applications">{t('applications.link')}</Link>
        </li>
      </ul>
    </>
  );
}
