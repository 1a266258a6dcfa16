import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../components/format';
import { useIntegration } from '../integration/queries';

const CHANNELS = ['portal', 'files', 'api'] as const;

/**
 * Where the integration stands (`001_*`): its channels, whether it is homologated, and the
 * channel requests still waiting for operations. Only the context's admin and technician see it.
 */
export function IntegrationState() {
  const { t } = useTranslation('home');
  const format = useFormat();
  const integration = useIntegration();
  const data = integration.data;
  if (!data) return null;
  const on = CHANNELS.filter((c) => data.channels[c]);
  return (
    <section
      className="card state"
      aria-labelledby="integration-state"
      data-testid="integration-state"
    >
      <h2 id="integration-state">{t('integration.title')}</h2>
      <p>
        {data.homologated && data.homologatedAt ? (
          <span className="tag tag-good">
            {t('integration.homologated', { date: format.date(data.homologatedAt) })}
          </span>
        ) : (
          <span className="tag tag-warn">{t('integration.notHomologated')}</span>
        )}
      </p>
      <dl className="facts">
        <dt>{t('integration.channels')}</dt>
        <dd>{on.map((c) => t(`integration.channel.${c}`)).join(', ')}</dd>
        <dt>{t('integration.pending')}</dt>
        <dd>
          {data.pendingRequests.length === 0
            ? t('integration.noPending')
            : data.pendingRequests
                .map((r) =>
                  t('integration.pendingLine', {
                    channel: t(`integration.channel.${r.channel}`),
                    date: format.date(r.createdAt),
                  }),
                )
                .join('; ')}
        </dd>
      </dl>
      <p className="actions">
        <Link to="/integration">{t('integration.toChannels')}</Link>
        <Link to="/homologation">{t('integration.toTests')}</Link>
      </p>
    </section>
  );
}
