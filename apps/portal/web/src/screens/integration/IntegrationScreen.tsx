import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/bff';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { ApiCards } from './ApiCards';
import { ChannelsForm } from './ChannelsForm';
import { OtherChannels } from './OtherChannels';
import { useIntegration } from './queries';

/**
 * Screen 3, "Canais de integração" (`001_*` step 1): the channels the context integrates
 * through, the API's Webhook and OAuth2 cards, and the channels operations set up on request.
 */
export function IntegrationScreen() {
  const { t } = useTranslation('integration');
  const integration = useIntegration();
  const [saved, setSaved] = useState(false);
  const forbidden = integration.error instanceof ApiError && integration.error.status === 403;
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p>{t('lead')}</p>
      {forbidden ? <p className="notice">{t('staffOnly')}</p> : null}
      {!forbidden ? (
        <QueryState isLoading={integration.isLoading} error={integration.error} />
      ) : null}
      {integration.data ? (
        <>
          <ChannelsForm
            key={JSON.stringify(integration.data.channels)}
            integration={integration.data}
            onSaved={() => setSaved(true)}
          />
          <p role="status" className="status">
            {saved ? t('channels.saved') : ''}
          </p>
          {integration.data.channels.api ? (
            <ApiCards />
          ) : (
            <p className="hint">{t('cards.apiOff')}</p>
          )}
          <OtherChannels integration={integration.data} />
        </>
      ) : null}
    </>
  );
}
