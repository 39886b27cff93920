import { Alert, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../lib/download.js';
import { CopyButton } from './copy-button.js';

/** One-time recovery codes, shown once, with copy and download. */
export function RecoveryCodesView({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  const text = codes.join('\n');
  return (
    <div>
      <Alert type="warning" showIcon title={t('mfa.recoveryTitle')} description={t('mfa.recoveryHelp')} />
      <ol
        className="recovery-codes"
        aria-label={t('mfa.recoveryTitle')}
        data-testid="recovery-codes"
        style={{ marginTop: 16 }}
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <Space wrap>
        <CopyButton text={text} label={t('mfa.copyCodes')} />
        <Button
          icon={<DownloadOutlined />}
          onClick={() => downloadFile({ content: `${text}\n`, filename: 'custodian-recovery-codes.txt' })}
        >
          {t('mfa.downloadCodes')}
        </Button>
      </Space>
    </div>
  );
}
