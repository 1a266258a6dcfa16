import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { ChannelRequest, SessionView } from '../../api/types';
import { useFormat } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { ErrorMessage, QueryState } from '../../components/QueryState';
import { TextInput } from '../../components/TextInput';
import { useMarkRequestDone, usePendingChannelRequests } from '../integration/queries';

function DoneForm({ request }: { request: ChannelRequest }) {
  const { t } = useTranslation('channelRequests');
  const done = useMarkRequestDone();
  const [note, setNote] = useState('');
  const who = request.entityName ?? request.context.entity;
  return (
    <Form
      className="form compact"
      aria-label={t('formLabel', { channel: t(`channels.${request.channel}`), who })}
      onSubmit={(e) => {
        e.preventDefault();
        done.mutate({ id: request.id, ...(note.trim() ? { note: note.trim() } : {}) });
      }}
    >
      <ErrorMessage error={done.error} />
      <TextInput label={t('note')} name={`note-${request.id}`} value={note} onChange={setNote} />
      <Button
        type="submit"
        className="btn"
        isDisabled={done.isPending}
        aria-label={t('markDoneLabel', { channel: t(`channels.${request.channel}`), who })}
      >
        {t('markDone')}
      </Button>
    </Form>
  );
}

/**
 * For platform administrators: every context's pending Connect:Direct/SFTP requests (`001_*`
 * "Outros canais"), each marked done once operations set the channel up.
 */
export function ChannelRequestsScreen({ session }: { session: SessionView }) {
  const { t } = useTranslation('channelRequests');
  const format = useFormat();
  const admin = Boolean(session.platformAdmin);
  const pending = usePendingChannelRequests(admin);
  const list = pending.data?.content ?? [];
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p>{t('lead')}</p>
      {!admin ? <p className="notice">{t('adminsOnly')}</p> : null}
      <QueryState isLoading={pending.isLoading} error={pending.error} />
      {pending.data && list.length === 0 ? <p>{t('empty')}</p> : null}
      <ul className="cards">
        {list.map((r) => (
          <li key={r.id} className="card" data-testid={`request-${r.id}`}>
            <h2>
              {t(`channels.${r.channel}`)} · {r.entityName ?? r.context.entity}
            </h2>
            <dl className="facts">
              <dt>{t('context')}</dt>
              <dd className="break">
                <code>{r.context.database}</code>
              </dd>
              <dt>{t('requestedBy')}</dt>
              <dd>
                {r.requestedBy}, {format.dateTime(r.createdAt)}
              </dd>
              {r.message ? (
                <>
                  <dt>{t('message')}</dt>
                  <dd>{r.message}</dd>
                </>
              ) : null}
            </dl>
            <DoneForm request={r} />
          </li>
        ))}
      </ul>
    </>
  );
}
