import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Checkbox, Form, Label, Radio, RadioGroup } from 'react-aria-components';
import {
  type Control,
  Controller,
  type FieldPath,
  useFieldArray,
  useForm,
  useWatch,
} from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/bff';
import type { SaveSubscription } from '../../api/types';
import { ErrorMessage } from '../../components/QueryState';
import { TextInput } from '../../components/TextInput';
import {
  bodyOf,
  formFieldOf,
  subscriptionSchema,
  type SubscriptionValues,
} from './subscription-form';

type V = SubscriptionValues;

/** A text field bound to the form, its error next to it. */
function Field({
  control,
  name,
  label,
  ...rest
}: {
  control: Control<V>;
  name: FieldPath<V>;
  label: string;
  description?: string;
  type?: 'text' | 'url' | 'email' | 'password';
  isRequired?: boolean;
  autoComplete?: string;
  placeholder?: string;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextInput
          label={label}
          name={field.name}
          value={String(field.value ?? '')}
          onChange={field.onChange}
          onBlur={field.onBlur}
          inputRef={field.ref}
          error={fieldState.error?.message}
          {...rest}
        />
      )}
    />
  );
}

function Toggle({
  control,
  name,
  label,
}: {
  control: Control<V>;
  name: 'useRateLimit' | 'useOAuth2';
  label: string;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Checkbox
          className="checkbox"
          isSelected={field.value}
          onChange={field.onChange}
          name={name}
        >
          <span className="box" aria-hidden="true" />
          {label}
        </Checkbox>
      )}
    />
  );
}

/** `004_*` client headers: names shown, values write-only (typed again to save). */
function HeadersEditor({ control, editing }: { control: Control<V>; editing: boolean }) {
  const { t } = useTranslation('webhooks');
  const { fields, append, remove } = useFieldArray({ control, name: 'headers' });
  return (
    <fieldset className="subfield">
      <legend>{t('form.headers')}</legend>
      <p className="hint">{editing ? t('form.headersHintEdit') : t('form.headersHint')}</p>
      {fields.map((f, i) => (
        <div key={f.id} className="header-row">
          <Field
            control={control}
            name={`headers.${i}.name`}
            label={t('form.headerName', { n: i + 1 })}
            isRequired
            placeholder="authorization"
          />
          <Field
            control={control}
            name={`headers.${i}.value`}
            label={t('form.headerValue', { n: i + 1 })}
            type="password"
            autoComplete="off"
            isRequired
          />
          <Button
            className="btn btn-small btn-secondary"
            onPress={() => remove(i)}
            aria-label={t('form.removeHeader', { n: i + 1 })}
          >
            {t('form.remove')}
          </Button>
        </div>
      ))}
      <Button
        className="btn btn-small btn-secondary"
        onPress={() => append({ name: '', value: '' })}
      >
        {t('form.addHeader')}
      </Button>
    </fieldset>
  );
}

/**
 * The subscription as the `001_*` cards show it: the Webhook card (URL, headers, rate limit) and
 * the OAuth2 card (scope, authentication type, token URL, secret, client id). Each rule is checked
 * here first, and whatever webhooks still refuses comes back next to its field.
 */
export function SubscriptionForm(props: {
  initial: V;
  editing: boolean;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSave: (body: SaveSubscription, onError: (e: unknown) => void) => void;
}) {
  const { t } = useTranslation('webhooks');
  const form = useForm<V>({
    resolver: zodResolver(subscriptionSchema),
    defaultValues: props.initial,
  });
  const { control } = form;
  const rateOn = useWatch({ control, name: 'useRateLimit' });
  const oauthOn = useWatch({ control, name: 'useOAuth2' });
  const submit = form.handleSubmit((v) =>
    props.onSave(bodyOf(v), (e) => {
      if (!(e instanceof ApiError)) return;
      for (const [field, msgs] of Object.entries(e.fields))
        form.setError(formFieldOf(field) as FieldPath<V>, { message: msgs.join(' ') });
    }),
  );
  const headersError = form.formState.errors.headers?.root?.message;
  return (
    <Form
      className="form"
      onSubmit={(e) => void submit(e)}
      validationBehavior="aria"
      aria-label={props.submitLabel}
    >
      <ErrorMessage error={props.error} />
      <fieldset className="card-fieldset">
        <legend>{t('form.webhookCard')}</legend>
        <Field
          control={control}
          name="postbackUrl"
          label={t('form.url')}
          description={t('form.urlHint')}
          type="url"
          isRequired
        />
        <HeadersEditor control={control} editing={props.editing} />
        {headersError ? (
          <p className="field-error" role="alert">
            {t(headersError, { defaultValue: headersError })}
          </p>
        ) : null}
        <Toggle control={control} name="useRateLimit" label={t('form.useRateLimit')} />
        {rateOn ? (
          <div className="inline-fields">
            <Field
              control={control}
              name="rateRequests"
              label={t('form.rateRequests')}
              description={t('form.rateRequestsHint')}
              isRequired
            />
            <Field
              control={control}
              name="ratePerSeconds"
              label={t('form.ratePerSeconds')}
              description={t('form.ratePerSecondsHint')}
              isRequired
            />
          </div>
        ) : null}
        <Field
          control={control}
          name="timeoutSeconds"
          label={t('form.timeout')}
          description={t('form.timeoutHint')}
          isRequired
        />
        <Field
          control={control}
          name="action"
          label={t('form.action')}
          description={t('form.actionHint')}
          isRequired
        />
        <Controller
          control={control}
          name="status"
          render={({ field }) => (
            <RadioGroup
              className="field radios"
              value={field.value}
              onChange={field.onChange}
              orientation="horizontal"
            >
              <Label>{t('form.status')}</Label>
              <Radio value="active" className="radio">
                {t('status.active')}
              </Radio>
              <Radio value="inactive" className="radio">
                {t('status.inactive')}
              </Radio>
            </RadioGroup>
          )}
        />
        <Field control={control} name="techOwnerName" label={t('form.ownerName')} isRequired />
        <Field
          control={control}
          name="techOwnerEmail"
          label={t('form.ownerEmail')}
          type="email"
          isRequired
        />
      </fieldset>
      <fieldset className="card-fieldset">
        <legend>{t('form.oauthCard')}</legend>
        <p className="hint">{t('form.oauthHint')}</p>
        <Toggle control={control} name="useOAuth2" label={t('form.useOAuth2')} />
        {oauthOn ? (
          <>
            <Field control={control} name="oauth2.scope" label={t('form.oauthScope')} />
            <Controller
              control={control}
              name="oauth2.authType"
              render={({ field }) => (
                <RadioGroup className="field radios" value={field.value} onChange={field.onChange}>
                  <Label>{t('form.oauthAuthType')}</Label>
                  <Radio value="client_secret_basic" className="radio">
                    {t('form.authBasic')}
                  </Radio>
                  <Radio value="client_secret_post" className="radio">
                    {t('form.authPost')}
                  </Radio>
                </RadioGroup>
              )}
            />
            <Field
              control={control}
              name="oauth2.tokenUrl"
              label={t('form.oauthTokenUrl')}
              type="url"
              isRequired
            />
            <Field
              control={control}
              name="oauth2.clientSecret"
              label={t('form.oauthSecret')}
              description={props.editing ? t('form.oauthSecretKeep') : undefined}
              type="password"
              autoComplete="off"
              isRequired={!props.editing}
            />
            <Field
              control={control}
              name="oauth2.clientId"
              label={t('form.oauthClientId')}
              isRequired
            />
          </>
        ) : null}
      </fieldset>
      <Button type="submit" className="btn" isDisabled={props.pending}>
        {props.pending ? t('common:saving') : props.submitLabel}
      </Button>
    </Form>
  );
}
