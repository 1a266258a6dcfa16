import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Subscription } from '../../api/types';
import { SecretOnce } from '../../components/SecretOnce';
import { useCreateSubscription } from './queries';
import { emptyValues } from './subscription-form';
import { SubscriptionForm } from './SubscriptionForm';

/**
 * A new subscription: the `001_*` Webhook and OAuth2 cards, then its signing secret, shown once,
 * and a link to it. Used by the webhooks screen and by the API channel's cards.
 */
export function NewSubscription({ label, level = 2 }: { label?: string; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const { t } = useTranslation('webhooks');
  const create = useCreateSubscription();
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<Subscription | null>(null);
  return (
    <>
      {created?.secret ? (
        <>
          <SecretOnce
            label={t('signingSecret')}
            value={created.secret}
            onDone={() => setCreated(null)}
          />
          <p>
            <Link to={`/webhooks/${created.id}`}>{t('openCreated')}</Link>
          </p>
        </>
      ) : null}
      {adding ? (
        <section aria-labelledby="new-sub">
          <Heading id="new-sub">{t('new')}</Heading>
          <SubscriptionForm
            initial={emptyValues()}
            editing={false}
            submitLabel={t('form.create')}
            pending={create.isPending}
            error={create.error}
            onSave={(body, onError) =>
              create.mutate(body, {
                onSuccess: (s) => {
                  setAdding(false);
                  setCreated(s);
                },
                onError,
              })
            }
          />
          <Button className="btn btn-secondary" onPress={() => setAdding(false)}>
            {t('common:cancel')}
          </Button>
        </section>
      ) : (
        <Button className="btn" onPress={() => setAdding(true)}>
          {label ?? t('new')}
        </Button>
      )}
    </>
  );
}
