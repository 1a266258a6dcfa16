import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The page's heading. On arrival focus moves to it, so keyboard and screen-reader users start at
 * the new page's top (the single-page app would otherwise leave focus on the link they used).
 */
export function PageTitle({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${children} · ${t('common:appName')}`;
    ref.current?.focus();
  }, [children, t]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
