import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import { QueryState } from '../components/QueryState';
import { AccessesScreen } from '../screens/accesses/AccessesScreen';
import { ApplicationsScreen } from '../screens/applications/ApplicationsScreen';
import { AuditScreen } from '../screens/audit/AuditScreen';
import { ChannelRequestsScreen } from '../screens/channel-requests/ChannelRequestsScreen';
import { ContextsScreen } from '../screens/contexts/ContextsScreen';
import { HomeScreen } from '../screens/home/HomeScreen';
import { HomologationScreen } from '../screens/homologation/HomologationScreen';
import { IntegrationScreen } from '../screens/integration/IntegrationScreen';
import { LicensesScreen } from '../screens/licenses/LicensesScreen';
import { NotificationsScreen } from '../screens/notifications/NotificationsScreen';
import { SignInScreen } from '../screens/sign-in/SignInScreen';
import { WebhookScreen } from '../screens/webhooks/WebhookScreen';
import { WebhooksScreen } from '../screens/webhooks/WebhooksScreen';
import { Layout } from './Layout';
import { useSession } from './session';

/** Pages that act in a context ask for one first. */
function NeedsContext({ has, children }: { has: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  if (has) return children;
  return (
    <>
      <PageTitle>{t('chooseContext')}</PageTitle>
      <p>{t('needsContext')}</p>
      <Link className="btn" to="/contexts">
        {t('chooseContext')}
      </Link>
    </>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return <PageTitle>{t('notFound')}</PageTitle>;
}

export function App() {
  const session = useSession();
  const location = useLocation();
  if (!session.data) return <QueryState isLoading={session.isLoading} error={session.error} />;
  if (!session.data.signedIn) return <SignInScreen returnTo={`/portal${location.pathname}`} />;
  const ctx = Boolean(session.data.accessId);
  const inContext = (screen: ReactNode) => <NeedsContext has={ctx}>{screen}</NeedsContext>;
  return (
    <Layout session={session.data}>
      <Routes>
        <Route path="/" element={<HomeScreen session={session.data} />} />
        <Route path="/contexts" element={<ContextsScreen session={session.data} />} />
        <Route
          path="/applications"
          element={inContext(<ApplicationsScreen session={session.data} />)}
        />
        <Route path="/integration" element={inContext(<IntegrationScreen />)} />
        <Route path="/webhooks" element={inContext(<WebhooksScreen />)} />
        <Route path="/webhooks/:id" element={inContext(<WebhookScreen />)} />
        <Route path="/homologation" element={inContext(<HomologationScreen />)} />
        <Route path="/accesses" element={inContext(<AccessesScreen />)} />
        <Route path="/notifications" element={inContext(<NotificationsScreen />)} />
        <Route path="/licenses" element={inContext(<LicensesScreen />)} />
        <Route path="/audit" element={<AuditScreen session={session.data} />} />
        <Route
          path="/channel-requests"
          element={<ChannelRequestsScreen session={session.data} />}
        />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Layout>
  );
}
