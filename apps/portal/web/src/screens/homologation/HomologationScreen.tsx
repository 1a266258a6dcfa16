import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { ErrorMessage, QueryState } from '../../components/QueryState';
import { useSubscriptions } from '../webhooks/queries';
import { type HomologationReport, useRunHomologation } from './queries';

function Report({ report }: { report: HomologationReport }) {
  const { t } = useTranslation('homologation');
  return (
    <>
      <p
        role="status"
        className={report.passed ? 'tag tag-good' : 'tag tag-bad'}
        data-testid="homologation-result"
      >
        {report.passed ? t('allPassed') : t('someFailed')}
      </p>
      <ol className="checklist">
        {report.checks.map((c) => (
          <li
            key={c.check}
            className={c.passed ? 'check passed' : 'check failed'}
            data-testid={`check-${c.check}`}
          >
            <p>
              <span className={`tag ${c.passed ? 'tag-good' : 'tag-bad'}`}>
                {c.passed ? t('pass') : t('fail')}
              </span>{' '}
              <strong>{t(`checks.${c.check}.name`)}</strong>
            </p>
            <p className="hint">{t(`checks.${c.check}.expect`)}</p>
            <dl className="facts">
              <dt>{t('evidence')}</dt>
              <dd>{c.detail}</dd>
              {c.statusCode !== undefined ? (
                <>
                  <dt>{t('statusCode')}</dt>
                  <dd>{c.statusCode}</dd>
                </>
              ) : null}
              {c.latencyMs !== undefined ? (
                <>
                  <dt>{t('latency')}</dt>
                  <dd>{t('ms', { ms: c.latencyMs })}</dd>
                </>
              ) : null}
              {c.responseBody ? (
                <>
                  <dt>{t('response')}</dt>
                  <dd>
                    <code>{c.responseBody.slice(0, 200)}</code>
                  </dd>
                </>
              ) : null}
            </dl>
          </li>
        ))}
      </ol>
    </>
  );
}

/**
 * "Execução de testes" (`001_*`): the integrator runs, on their own receiver, the checks that
 * webhooks performs (signed delivery, wrong signature refused, duplicate id accepted, OAuth2 token
 * URL). Each step shows pass or fail with its evidence.
 */
export function HomologationScreen() {
  const { t } = useTranslation('homologation');
  const subs = useSubscriptions();
  const run = useRunHomologation();
  const [chosen, setChosen] = useState<string | null>(null);
  const list = subs.data?.content ?? [];
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p>{t('lead')}</p>
      <p className="notice">{t('scope')}</p>
      <QueryState isLoading={subs.isLoading} error={subs.error} />
      {subs.data && list.length === 0 ? (
        <p>
          {t('noWebhooks')} <Link to="/webhooks">{t('createOne')}</Link>
        </p>
      ) : null}
      <ul className="cards">
        {list.map((s) => (
          <li key={s.id} className="card">
            <h2>{s.postbackUrl}</h2>
            <Button
              className="btn"
              isDisabled={run.isPending}
              onPress={() => {
                setChosen(s.id);
                run.mutate(s.id);
              }}
              aria-label={t('runFor', { url: s.postbackUrl })}
            >
              {run.isPending && chosen === s.id ? t('running') : t('run')}
            </Button>
            {chosen === s.id ? <ErrorMessage error={run.error} /> : null}
            {chosen === s.id && run.data?.subscriptionId === s.id ? (
              <Report report={run.data} />
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
