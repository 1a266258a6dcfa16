import { Button, Dialog, DialogTrigger, Heading, Modal } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

/**
 * A button that asks first, in a modal dialog (React Aria: focus moves in, stays in, and returns
 * to the button; Escape cancels).
 */
export function ConfirmButton(props: {
  label: string;
  title: string;
  message: string;
  confirm: string;
  onConfirm: () => void;
  isDisabled?: boolean;
  ariaLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button
        className="btn btn-warning"
        isDisabled={props.isDisabled}
        aria-label={props.ariaLabel}
      >
        {props.label}
      </Button>
      <Modal className="modal" isDismissable>
        <Dialog className="dialog" role="alertdialog">
          {({ close }) => (
            <>
              <Heading slot="title">{props.title}</Heading>
              <p>{props.message}</p>
              <div className="actions">
                <Button
                  className="btn btn-warning"
                  onPress={() => {
                    close();
                    props.onConfirm();
                  }}
                >
                  {props.confirm}
                </Button>
                <Button className="btn btn-secondary" onPress={close} autoFocus>
                  {t('cancel')}
                </Button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </DialogTrigger>
  );
}
