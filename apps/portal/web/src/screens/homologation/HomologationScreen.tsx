import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Integration } from '../../api/types';
import { useFormat } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { useIntegration } from '../integration/queries';
import { Checklist } from './Checklist';
import { RunForm } from './RunForm';
import { stepOfStored, useRunHomologation } from './queries';

/** While the run this page started is still being judged, ask authorizations again. */
const pollWhileOpen =
  (runId: string | undefined) =>
  (data?: Integration): number | false =>
    runId && (data?.latestRun?.id !== runId || data.latestRun.status === 'open') ? 500 : false;

function Verdict(props: { integration?: Integration; runId?: string; running: boolean }) {
  const { t } = useTranslation('homologation');
  const format = useFormat();
  const { runId } = props;
  const run = props.integration?.latestRun;
  if (props.running) return <p role="status">{t('running')}</p>;
  if (runId && (run?.id !== runId || run.status === 'open'))
    return <p role="status">{t('judging')}</p>;
  if (!run) return null;
  const passed = run.status === 'passed';
  return (
    <p
      role="status"
      className={`tag ${passed ? 'tag-good' : 'tag-bad'}`}
      data-testid="homologation-result"
    >
      {passed
        ? t('allPassed')
        : run.status === 'expired'
          ? t('expired')
          : t('someFailed', { date: format.dateTime(run.startedAt) })}
    </p>
  );
}

/**
 * "Execução de testes" (`001_*`): the integrator runs the checklist on their own integration —
 * their application's token and API calls (oauth), their webhook receiver and OAuth2 card
 * (webhooks). Each step shows pass or fail with its evidence; authorizations marks the
 * integration homologated when every step of one run passed.
 */
export function HomologationScreen() {
  const { t } = useTranslation('homologation');
  const format = useFormat();
  const run = useRunHomologation();
  const [runId, setRunId] = useState<string>();
  const integration = useIntegration(true, pollWhileOpen(runId));
  const data = integration.data;
  const steps = run.isPending ? [] : (run.data?.steps ?? (data?.checks ?? []).map(stepOfStored));
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p>{t('lead')}</p>
      <QueryState isLoading={integration.isLoading} error={integration.error} />
      {data ? (
        <p className={`tag ${data.homologated ? 'tag-good' : ''}`} data-testid="homologated">
          {data.homologated && data.homologatedAt
            ? t('homologatedOn', { date: format.dateTime(data.homologatedAt) })
            : t('notHomologated')}
        </p>
      ) : null}
      {data && !data.channels.api ? (
        <p className="notice">
          {t('apiOff')} <Link to="/integration">{t('toChannels')}</Link>
        </p>
      ) : null}
      {data?.channels.api ? (
        <RunForm
          pending={run.isPending}
          error={run.error}
          onRun={(input) => {
            setRunId(undefined);
            run.mutate(input, { onSuccess: (r) => setRunId(r.run.id) });
          }}
        />
      ) : null}
      <h2>{t('checklist')}</h2>
      <Verdict integration={data} runId={runId} running={run.isPending} />
      <Checklist steps={steps} />
    </>
  );
}
