import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../api/types';
import { PageTitle } from '../../components/PageTitle';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { TextInput } from '../../components/TextInput';
import { useFormat } from '../../components/format';
import { type AuditFilters, useAuditEvents, useChainVerification } from './queries';

const EMPTY: AuditFilters = { type: '', outcome: '', actor: '', from: '', to: '' };

function Verification() {
  const { t } = useTranslation('audit');
  const check = useChainVerification();
  return (
    <section aria-labelledby="chain-title" className="card">
      <h2 id="chain-title">{t('chain.title')}</h2>
      <QueryState isLoading={check.isLoading} error={check.error} />
      {check.data ? (
        <p role="status" className={check.data.valid ? 'tag tag-good' : 'tag tag-bad'}>
          {check.data.valid
            ? t('chain.valid', { count: check.data.checked })
            : t('chain.broken', { seq: check.data.brokenAt, reason: check.data.reason })}
        </p>
      ) : null}
      <Button
        className="btn btn-secondary btn-small"
        onPress={() => void check.refetch()}
        isDisabled={check.isFetching}
      >
        {t('chain.again')}
      </Button>
    </section>
  );
}

/** Screen 9: the audit log (spec §7) with filters, and whether the hash chain is intact. */
export function AuditScreen({ session }: { session: SessionView }) {
  const { t } = useTranslation('audit');
  const [draft, setDraft] = useState(EMPTY);
  const [filters, setFilters] = useState(EMPTY);
  const [offset, setOffset] = useState(0);
  const events = useAuditEvents(filters, offset);
  const format = useFormat();
  if (!session.platformAdmin) {
    return (
      <>
        <PageTitle>{t('title')}</PageTitle>
        <p>{t('adminsOnly')}</p>
      </>
    );
  }
  const set = (key: keyof AuditFilters) => (value: string) => setDraft({ ...draft, [key]: value });
  const list = events.data?.content ?? [];
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <Verification />
      <Form
        className="filters"
        aria-label={t('filters.label')}
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setFilters(draft);
        }}
      >
        <TextInput
          label={t('filters.type')}
          name="type"
          value={draft.type}
          onChange={set('type')}
          description={t('filters.typeHint')}
        />
        <div className="field">
          <label htmlFor="outcome">{t('filters.outcome')}</label>
          <select
            id="outcome"
            value={draft.outcome}
            onChange={(e) => set('outcome')(e.target.value)}
          >
            <option value="">{t('filters.any')}</option>
            <option value="succeeded">{t('outcomes.succeeded')}</option>
            <option value="failed">{t('outcomes.failed')}</option>
          </select>
        </div>
        <TextInput
          label={t('filters.actor')}
          name="actor"
          value={draft.actor}
          onChange={set('actor')}
        />
        <TextInput
          label={t('filters.from')}
          name="from"
          type="date"
          value={draft.from}
          onChange={set('from')}
        />
        <TextInput
          label={t('filters.to')}
          name="to"
          type="date"
          value={draft.to}
          onChange={set('to')}
        />
        <Button type="submit" className="btn">
          {t('filters.apply')}
        </Button>
      </Form>
      <QueryState isLoading={events.isLoading} error={events.error} />
      {events.data && list.length === 0 ? <p>{t('empty')}</p> : null}
      {list.length > 0 ? (
        <div className="table-wrap" role="region" aria-label={t('records')} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('cols.time')}</th>
                <th scope="col">{t('cols.type')}</th>
                <th scope="col">{t('cols.actor')}</th>
                <th scope="col">{t('cols.target')}</th>
                <th scope="col">{t('cols.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <tr key={e.seq}>
                  <td>{format.dateTime(e.time)}</td>
                  <th scope="row">{e.type}</th>
                  <td>{e.actor ?? '—'}</td>
                  <td className="break">{e.target ?? '—'}</td>
                  <td>{t(`outcomes.${e.outcome}`, { defaultValue: e.outcome })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pager offset={offset} hasNext={Boolean(events.data?.hasNext)} onChange={setOffset} />
    </>
  );
}
