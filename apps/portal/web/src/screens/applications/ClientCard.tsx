import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../api/types';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorMessage } from '../../components/QueryState';
import { SecretOnce } from '../../components/SecretOnce';
import { useFormat } from '../../components/format';
import { IssueTokenForm } from './IssueTokenForm';
import {
  useClientTokens,
  useDeleteApplication,
  useRegenerateSecret,
  useRevokeToken,
} from './queries';

/** One application: what it may do, its secret (regenerate) and its client access tokens (`000_*`). */
export function ClientCard({ client }: { client: Client }) {
  const { t } = useTranslation('applications');
  const format = useFormat();
  const [shown, setShown] = useState<{ label: string; value: string } | null>(null);
  const regenerate = useRegenerateSecret();
  const revoke = useRevokeToken();
  const remove = useDeleteApplication();
  const tokens = useClientTokens(client.client_id);
  const live = (tokens.data ?? []).filter((tk) => !tk.revoked_at);
  return (
    <li className="card" data-testid={`client-${client.client_id}`}>
      <h3>{client.name}</h3>
      <dl className="facts">
        <dt>{t('card.id')}</dt>
        <dd>
          <code>{client.client_id}</code>
        </dd>
        <dt>{t('card.kind')}</dt>
        <dd>{t(`kinds.${client.kind}.name`)}</dd>
        <dt>{t('card.scopes')}</dt>
        <dd>{client.scopes.join(', ') || '—'}</dd>
        {client.redirectUris.length > 0 ? (
          <>
            <dt>{t('card.redirectUris')}</dt>
            <dd className="break">{client.redirectUris.join(', ')}</dd>
          </>
        ) : null}
        {client.license ? (
          <>
            <dt>{t('card.license')}</dt>
            <dd>
              <code>{client.license}</code>
            </dd>
          </>
        ) : null}
      </dl>
      {shown ? (
        <SecretOnce label={shown.label} value={shown.value} onDone={() => setShown(null)} />
      ) : null}
      <ErrorMessage error={regenerate.error ?? revoke.error ?? remove.error} />
      <div className="actions">
        {client.confidential ? (
          <ConfirmButton
            label={t('card.regenerate')}
            ariaLabel={t('card.regenerateLabel', { name: client.name })}
            title={t('card.regenerateTitle')}
            message={t('card.regenerateWarning')}
            confirm={t('card.regenerateConfirm')}
            isDisabled={regenerate.isPending}
            onConfirm={() =>
              regenerate.mutate(client.client_id, {
                onSuccess: (r) => setShown({ label: t('card.newSecret'), value: r.client_secret }),
              })
            }
          />
        ) : null}
        <ConfirmButton
          label={t('card.delete')}
          ariaLabel={t('card.deleteLabel', { name: client.name })}
          title={t('card.deleteTitle')}
          message={t('card.deleteWarning')}
          confirm={t('card.deleteConfirm')}
          isDisabled={remove.isPending}
          onConfirm={() => remove.mutate(client.client_id)}
        />
      </div>
      <h4>{t('card.tokens')}</h4>
      <IssueTokenForm
        clientId={client.client_id}
        name={client.name}
        onIssued={(r) => setShown({ label: t('card.newToken'), value: r.access_token })}
      />
      {live.length === 0 ? <p className="hint">{t('card.noTokens')}</p> : null}
      <ul className="plain">
        {live.map((tk) => (
          <li key={tk.id} className="token-row">
            <span>
              {tk.description ? <strong>{tk.description}: </strong> : null}
              {t('card.tokenLine', {
                created: format.dateTime(tk.created_at),
                expires: format.date(tk.expires_at),
              })}
              {tk.endpoints?.length ? (
                <span className="hint">
                  {' '}
                  {t('card.tokenEndpoints', { list: tk.endpoints.join(', ') })}
                </span>
              ) : null}
            </span>
            <Button
              className="btn btn-small btn-warning"
              onPress={() => revoke.mutate({ clientId: client.client_id, tokenId: tk.id })}
              aria-label={t('card.revokeLabel', { created: format.dateTime(tk.created_at) })}
            >
              {t('card.revoke')}
            </Button>
          </li>
        ))}
      </ul>
    </li>
  );
}
