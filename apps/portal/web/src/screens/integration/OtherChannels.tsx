import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Integration } from '../../api/types';
import { useFormat } from '../../components/format';
import { ErrorMessage } from '../../components/QueryState';
import { TextInput } from '../../components/TextInput';
import { type RequestedChannel, useRequestChannel } from './queries';

const OTHER: RequestedChannel[] = ['connect-direct', 'sftp'];

function RequestForm({ channel }: { channel: RequestedChannel }) {
  const { t } = useTranslation('integration');
  const request = useRequestChannel();
  const [message, setMessage] = useState('');
  const name = t(`other.${channel}`);
  return (
    <Form
      className="form compact"
      aria-label={t('other.formLabel', { channel: name })}
      onSubmit={(e) => {
        e.preventDefault();
        request.mutate({ channel, ...(message.trim() ? { message: message.trim() } : {}) });
      }}
    >
      <ErrorMessage error={request.error} />
      <TextInput
        label={t('other.message', { channel: name })}
        name={`message-${channel}`}
        value={message}
        onChange={setMessage}
        multiline
      />
      <Button type="submit" className="btn btn-secondary" isDisabled={request.isPending}>
        {t('other.request', { channel: name })}
      </Button>
    </Form>
  );
}

/**
 * `001_*` "Outros canais": Connect:Direct and SFTP are set up by the platform's operations. A
 * request goes to the platform's administrators and shows as pending until one marks it done.
 */
export function OtherChannels({ integration }: { integration: Integration }) {
  const { t } = useTranslation('integration');
  const format = useFormat();
  return (
    <section aria-labelledby="other-title">
      <h2 id="other-title">{t('other.title')}</h2>
      <p>{t('other.lead')}</p>
      <ul className="cards">
        {OTHER.map((channel) => {
          const pending = integration.pendingRequests.find((r) => r.channel === channel);
          return (
            <li key={channel} className="card" data-testid={`channel-${channel}`}>
              <h3>{t(`other.${channel}`)}</h3>
              {pending ? (
                <p>
                  <span className="tag tag-warn">{t('other.pending')}</span>{' '}
                  {t('other.pendingSince', {
                    date: format.dateTime(pending.createdAt),
                    user: pending.requestedBy,
                  })}
                </p>
              ) : (
                <RequestForm channel={channel} />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
