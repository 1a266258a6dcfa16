import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

/** How many rows a paged list asks for at a time (spec §4 `limit`). */
export const PAGE_SIZE = 20;

/** Previous and next for an offset-paged list (spec §4 `offset` and `hasNext`). */
export function Pager({
  offset,
  hasNext,
  onChange,
}: {
  offset: number;
  hasNext: boolean;
  onChange: (offset: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="pager">
      <Button
        className="btn btn-secondary"
        isDisabled={offset === 0}
        onPress={() => onChange(Math.max(0, offset - PAGE_SIZE))}
      >
        {t('common:previous')}
      </Button>
      <Button
        className="btn btn-secondary"
        isDisabled={!hasNext}
        onPress={() => onChange(offset + PAGE_SIZE)}
      >
        {t('common:next')}
      </Button>
    </div>
  );
}
