import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/bff';
import type { ClientWithSecret, SessionView } from '../../api/types';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { SecretOnce } from '../../components/SecretOnce';
import { ClientCard } from './ClientCard';
import { CreateApplicationForm } from './CreateApplicationForm';
import { useApplications } from './queries';

/**
 * Screen 2: the context's own applications (ADR 15 stage 2). Its admin creates them, regenerates
 * their secrets and issues their client access tokens; each secret is shown once.
 */
export function ApplicationsScreen({ session }: { session: SessionView }) {
  const { t } = useTranslation('applications');
  const apps = useApplications();
  const [created, setCreated] = useState<ClientWithSecret | null>(null);
  const forbidden = apps.error instanceof ApiError && apps.error.status === 403;
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p>{t('lead')}</p>
      {forbidden ? (
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
          <CreateApplicationForm
            onCreated={setCreated}
            platformAdmin={Boolean(session.platformAdmin)}
          />
          <h2>{t('list')}</h2>
          <QueryState isLoading={apps.isLoading} error={apps.error} />
          {apps.data?.length === 0 ? <p>{t('empty')}</p> : null}
          <ul className="cards">
            {(apps.data ?? []).map((c) => (
              <ClientCard key={c.client_id} client={c} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}
