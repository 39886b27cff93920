import { Alert, Button, Input, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/copy-button.js';

/** Shows a one-time invitation link with a copy button. */
export function InviteLinkModal(props: { url: string; email: string; emailed: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t('users.inviteTitle')}
      onCancel={props.onClose}
      footer={
        <Button type="primary" onClick={props.onClose}>
          {t('common.done')}
        </Button>
      }
    >
      <Typography.Paragraph>{t('users.inviteText', { email: props.email })}</Typography.Paragraph>
      {props.emailed && <Alert type="success" showIcon title={t('users.inviteEmailed')} style={{ marginBottom: 12 }} />}
      <Space.Compact style={{ width: '100%' }}>
        <Input
          readOnly
          value={props.url}
          aria-label={t('users.inviteLink')}
          data-testid="invite-url"
          onFocus={(e) => e.target.select()}
        />
        <CopyButton text={props.url} />
      </Space.Compact>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('users.inviteExpiry')}
      </Typography.Paragraph>
    </Modal>
  );
}
