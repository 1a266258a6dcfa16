import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ConfirmButton } from '../../components/ConfirmButton';
import { PageTitle } from '../../components/PageTitle';
import { ErrorMessage, QueryState } from '../../components/QueryState';
import { SecretOnce } from '../../components/SecretOnce';
import { DeliveryLog } from './DeliveryLog';
import { useReplaceSubscription, useRotateSecret, useSendTest, useSubscription } from './queries';
import { valuesOf } from './subscription-form';
import { SubscriptionForm } from './SubscriptionForm';
import { STATUS_TONE } from './WebhooksScreen';

/** One subscription: its state, a test send, secret rotation, its settings and its delivery log. */
export function WebhookScreen() {
  const { t } = useTranslation('webhooks');
  const id = useParams()['id'] ?? '';
  const sub = useSubscription(id);
  const replace = useReplaceSubscription(id);
  const rotate = useRotateSecret(id);
  const test = useSendTest(id);
  const [secret, setSecret] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  if (!sub.data) return <QueryState isLoading={sub.isLoading} error={sub.error} />;
  const s = sub.data;
  return (
    <>
      <p>
        <Link to="/webhooks">{t('back')}</Link>
      </p>
      <PageTitle>{t('detail', { url: s.postbackUrl })}</PageTitle>
      <p>
        <span className={`tag ${STATUS_TONE[s.status] ?? ''}`}>{t(`status.${s.status}`)}</span>{' '}
        <code>{s.action}</code>
      </p>
      {s.disabledReason ? (
        <div className="notice" role="note">
          <strong>{t('disabledWhy')}</strong> {s.disabledReason}
        </div>
      ) : null}
      {secret ? (
        <SecretOnce label={t('signingSecret')} value={secret} onDone={() => setSecret(null)} />
      ) : null}
      <ErrorMessage error={rotate.error ?? test.error} />
      <div className="actions">
        <Button className="btn" isDisabled={test.isPending} onPress={() => test.mutate()}>
          {t('sendTest')}
        </Button>
        <ConfirmButton
          label={t('rotate')}
          title={t('rotateTitle')}
          message={t('rotateWarning')}
          confirm={t('rotate')}
          isDisabled={rotate.isPending}
          onConfirm={() =>
            rotate.mutate(undefined, { onSuccess: (r) => setSecret(r.secret ?? null) })
          }
        />
      </div>
      <p role="status" aria-live="polite">
        {test.isSuccess ? t('testQueued') : ''}
      </p>
      <DeliveryLog subscriptionId={id} />
      <section aria-labelledby="settings-title">
        <h2 id="settings-title">{t('settings')}</h2>
        <p role="status" aria-live="polite">
          {saved ? t('savedMessage') : ''}
        </p>
        <SubscriptionForm
          key={s.updatedAt}
          initial={valuesOf(s)}
          editing
          submitLabel={t('form.save')}
          pending={replace.isPending}
          error={replace.error}
          onSave={(body, onError) =>
            replace.mutate(body, { onSuccess: () => setSaved(true), onError })
          }
        />
      </section>
    </>
  );
}
