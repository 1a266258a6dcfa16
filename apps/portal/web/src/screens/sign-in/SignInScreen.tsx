import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { signInUrl } from '../../app/session';

/** Not signed in: one way in, through the platform's own sign-in page (OAuth, no password here). */
export function SignInScreen({ returnTo }: { returnTo: string }) {
  const { t } = useTranslation();
  const failed = new URLSearchParams(window.location.search).get('signIn') === 'failed';
  return (
    <main id="content" className="sign-in" tabIndex={-1}>
      <LanguageSwitch />
      <p className="brand">{t('appName')}</p>
      <PageTitle>{t('signIn.title')}</PageTitle>
      {failed ? (
        <div className="error-summary" role="alert">
          <p>{t('errors.signInFailed')}</p>
        </div>
      ) : null}
      <p className="lead">{t('signIn.lead')}</p>
      <a
        className="btn btn-large"
        href={signInUrl(returnTo === '/portal/' ? '/portal/' : returnTo)}
      >
        {t('signIn.button')}
      </a>
      <p className="hint">{t('signIn.firstBoot')}</p>
    </main>
  );
}
