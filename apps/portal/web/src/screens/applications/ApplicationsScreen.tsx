import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client, SessionView } from '../../api/types';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { SecretOnce } from '../../components/SecretOnce';
import { ClientCard } from './ClientCard';
import { CreateApplicationForm } from './CreateApplicationForm';
import { useApplications } from './queries';

/**
 * Screen 2: the OAuth clients. Today oauth's client API is for platform administrators only
 * (spec §2); a context's own administrators get it with stage 2 (ADR 0015).
 */
export function ApplicationsScreen({ session }: { session: SessionView }) {
  const { t } = useTranslation('applications');
  const allowed = Boolean(session.platformAdmin);
  const apps = useApplications(allowed);
  const [created, setCreated] = useState<(Client & { client_secret?: string }) | null>(null);
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p>{t('lead')}</p>
      {!allowed ? (
        <p className="notice">{t('adminsOnly')}</p>
      ) : (
        <>
          {created?.client_secret ? (
            <SecretOnce
              label={t('createdSecret', { name: created.name, id: created.client_id })}
              value={created.client_secret}
              onDone={() => setCreated(null)}
            />
          ) : null}
          <CreateApplicationForm onCreated={setCreated} />
          <h2>{t('list')}</h2>
          <QueryState isLoading={apps.isLoading} error={apps.error} />
          <ul className="cards">
            {(apps.data ?? []).map((c) => (
              <ClientCard key={c.client_id} client={c} portalClientId={session.portalClientId} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}
