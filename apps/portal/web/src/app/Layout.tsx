import type { ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { SessionView } from '../api/types';
import { useUnreadCount, useNotificationStream } from '../screens/notifications/queries';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useSignOut } from './session';

const LINKS = [
  ['/', 'home'],
  ['/contexts', 'contexts'],
  ['/applications', 'applications'],
  ['/integration', 'integration'],
  ['/webhooks', 'webhooks'],
  ['/homologation', 'homologation'],
  ['/accesses', 'accesses'],
  ['/notifications', 'notifications'],
  ['/licenses', 'licenses'],
] as const;
/** Platform administrators' own screens. */
const ADMIN_LINKS = [
  ['/channel-requests', 'channelRequests'],
  ['/audit', 'audit'],
] as const;

/** The frame of every signed-in page: skip link, header, menu, the page, and live notifications. */
export function Layout({ session, children }: { session: SessionView; children: ReactNode }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  const hasContext = Boolean(session.accessId);
  const unread = useUnreadCount(hasContext);
  useNotificationStream(hasContext);
  const links = session.platformAdmin ? [...LINKS, ...ADMIN_LINKS] : LINKS;
  return (
    <>
      <a className="skip-link" href="#content">
        {t('skipToContent')}
      </a>
      <header className="top">
        <p className="brand">{t('appName')}</p>
        <div className="top-tools">
          <LanguageSwitch />
          <span className="user">{t('user.signedInAs', { user: session.user })}</span>
          <Button
            className="btn btn-secondary btn-small"
            onPress={() => signOut.mutate()}
            isDisabled={signOut.isPending}
          >
            {t('user.signOut')}
          </Button>
        </div>
      </header>
      <details className="menu" open>
        <summary>{t('nav.menu')}</summary>
        <nav aria-label={t('nav.label')}>
          <ul>
            {links.map(([to, key]) => (
              <li key={to}>
                <NavLink to={to} end={to === '/'}>
                  {t(`nav.${key}`)}
                  {key === 'notifications' && unread.data ? (
                    <span className="badge" data-testid="unread-badge">
                      {' '}
                      <span aria-hidden="true">{unread.data.label}</span>
                      <span className="visually-hidden">
                        {t('unread', { count: unread.data.count })}
                      </span>
                    </span>
                  ) : null}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </details>
      <main id="content" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
