import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../components/QueryState';
import { TextInput } from '../../components/TextInput';
import { useApplications } from '../applications/queries';
import { useSubscriptions } from '../webhooks/queries';
import type { RunInput } from './queries';

/** A labelled native select (accessible as it is), its hint next to it. */
function Select(props: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (v: string) => void;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <p className="hint" id={`${props.id}-hint`}>
        {props.hint}
      </p>
      <select
        id={props.id}
        aria-describedby={`${props.id}-hint`}
        required
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * What a run checks: one of the context's applications (its secret typed here, sent once to oauth
 * for this run and not kept) and one webhook subscription (its receiver and OAuth2 card).
 */
export function RunForm(props: {
  pending: boolean;
  error: unknown;
  onRun: (input: RunInput) => void;
}) {
  const { t } = useTranslation('homologation');
  const apps = useApplications();
  const subs = useSubscriptions();
  const confidential = (apps.data ?? []).filter((a) => a.confidential);
  const receivers = subs.data?.content ?? [];
  const [clientId, setClientId] = useState('');
  const [secret, setSecret] = useState('');
  const [subscriptionId, setSubscriptionId] = useState('');
  const chosenApp = clientId || confidential[0]?.client_id || '';
  const chosenSub = subscriptionId || receivers[0]?.id || '';
  if (apps.data && confidential.length === 0)
    return (
      <p className="notice">
        {t('noApplication')} <Link to="/applications">{t('toApplications')}</Link>
      </p>
    );
  if (subs.data && receivers.length === 0)
    return (
      <p className="notice">
        {t('noWebhooks')} <Link to="/integration">{t('toChannels')}</Link>
      </p>
    );
  return (
    <Form
      className="form"
      aria-labelledby="run-title"
      onSubmit={(e) => {
        e.preventDefault();
        props.onRun({ clientId: chosenApp, clientSecret: secret, subscriptionId: chosenSub });
        setSecret('');
      }}
    >
      <h2 id="run-title">{t('runTitle')}</h2>
      <ErrorMessage error={props.error} />
      <Select
        id="run-application"
        label={t('application')}
        hint={t('applicationHint')}
        value={chosenApp}
        onChange={setClientId}
        options={confidential.map((a) => ({ value: a.client_id, label: a.name }))}
      />
      <TextInput
        label={t('secret')}
        name="client_secret"
        type="password"
        autoComplete="off"
        description={t('secretHint')}
        value={secret}
        onChange={setSecret}
        isRequired
      />
      <Select
        id="run-webhook"
        label={t('webhook')}
        hint={t('webhookHint')}
        value={chosenSub}
        onChange={setSubscriptionId}
        options={receivers.map((s) => ({ value: s.id, label: s.postbackUrl }))}
      />
      <Button type="submit" className="btn" isDisabled={props.pending || !secret}>
        {props.pending ? t('running') : t('run')}
      </Button>
    </Form>
  );
}
