import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { useFormat } from '../../components/format';
import { useLicenses } from './queries';

const TONE = {
  VALID: 'tag-good',
  EXPIRED: 'tag-bad',
  REVOKED: 'tag-bad',
  NOT_YET_VALID: 'tag-warn',
} as const;

/** Screen 8: the context's licenses and whether each lets the integration work now. */
export function LicensesScreen() {
  const { t } = useTranslation('licenses');
  const licenses = useLicenses();
  const format = useFormat();
  const list = licenses.data?.content ?? [];
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p>{t('lead')}</p>
      <QueryState isLoading={licenses.isLoading} error={licenses.error} />
      {licenses.data && list.length === 0 ? <p>{t('empty')}</p> : null}
      {list.length > 0 ? (
        <div className="table-wrap" role="region" aria-label={t('title')} tabIndex={0}>
          <table>
            <caption className="visually-hidden">{t('caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('system')}</th>
                <th scope="col">{t('state')}</th>
                <th scope="col">{t('validFrom')}</th>
                <th scope="col">{t('validUntil')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((l) => (
                <tr key={l.id}>
                  <th scope="row">{l.systemName ?? l.system}</th>
                  <td>
                    <span className={`tag ${TONE[l.code]}`}>{t(`codes.${l.code}`)}</span>
                  </td>
                  <td>{format.date(l.validFrom)}</td>
                  <td>{format.date(l.validUntil)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
