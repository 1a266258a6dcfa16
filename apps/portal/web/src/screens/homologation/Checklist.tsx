import { useTranslation } from 'react-i18next';
import { CHECKS, type Step } from './queries';

function Evidence({ step }: { step: Step }) {
  const { t } = useTranslation('homologation');
  const e = step.evidence;
  return (
    <dl className="facts">
      <dt>{t('evidence')}</dt>
      <dd>{t(`outcome.${step.skipped ? 'skipped' : step.passed ? 'passed' : 'failed'}`)}</dd>
      <dt>{t('detail')}</dt>
      <dd lang="en">{step.detail}</dd>
      {e.statusCode !== undefined ? (
        <>
          <dt>{t('statusCode')}</dt>
          <dd>{e.statusCode}</dd>
        </>
      ) : null}
      {e.latencyMs !== undefined ? (
        <>
          <dt>{t('latency')}</dt>
          <dd>{t('ms', { ms: e.latencyMs })}</dd>
        </>
      ) : null}
      {e.scopes?.length ? (
        <>
          <dt>{t('scopes')}</dt>
          <dd>{e.scopes.join(', ')}</dd>
        </>
      ) : null}
      {e.expiresIn !== undefined ? (
        <>
          <dt>{t('expiresIn')}</dt>
          <dd>{t('seconds', { s: e.expiresIn })}</dd>
        </>
      ) : null}
      {e.jti ? (
        <>
          <dt>{t('jti')}</dt>
          <dd>
            <code>{e.jti}</code>
          </dd>
        </>
      ) : null}
      {e.responseBody ? (
        <>
          <dt>{t('response')}</dt>
          <dd>
            <code>{e.responseBody.slice(0, 200)}</code>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** `api-reads`: each read-only call, with the gateway's answer. */
function Reads({ step }: { step: Step }) {
  const { t } = useTranslation('homologation');
  const reads = step.evidence.reads ?? [];
  if (reads.length === 0) return null;
  return (
    <div className="table-wrap" role="region" aria-label={t('reads')} tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('readScope')}</th>
            <th scope="col">{t('readEndpoint')}</th>
            <th scope="col">{t('statusCode')}</th>
            <th scope="col">{t('latency')}</th>
          </tr>
        </thead>
        <tbody>
          {reads.map((r, i) => (
            <tr key={`${r.scope}-${i}`}>
              <th scope="row">
                <code>{r.scope}</code>
              </th>
              <td className="break">{r.endpoint ? <code>{r.endpoint}</code> : t('noEndpoint')}</td>
              <td>
                <span className={`tag ${r.passed ? 'tag-good' : 'tag-bad'}`}>
                  {r.statusCode ?? '—'}
                </span>
              </td>
              <td>{r.latencyMs !== undefined ? t('ms', { ms: r.latencyMs }) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The checklist of `001_*` "Execução de testes": each step, pass or fail, with its evidence. */
export function Checklist({ steps }: { steps: Step[] }) {
  const { t } = useTranslation('homologation');
  const byName = new Map(steps.map((s) => [s.check, s]));
  return (
    <ol className="checklist">
      {CHECKS.map((name) => {
        const step = byName.get(name);
        const state = !step
          ? 'pending'
          : step.skipped
            ? 'skipped'
            : step.passed
              ? 'passed'
              : 'failed';
        const tone = { pending: '', skipped: 'tag-warn', passed: 'tag-good', failed: 'tag-bad' }[
          state
        ];
        return (
          <li key={name} className={`check ${state}`} data-testid={`check-${name}`}>
            <p>
              <span className={`tag ${tone}`}>{t(`state.${state}`)}</span>{' '}
              <strong>{t(`checks.${name}.name`)}</strong>
            </p>
            <p className="hint">{t(`checks.${name}.expect`)}</p>
            {step ? <Evidence step={step} /> : null}
            {step ? <Reads step={step} /> : null}
          </li>
        );
      })}
    </ol>
  );
}
