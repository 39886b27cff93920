import { useState } from 'react';
import { App, Button, Modal, Result } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { http, unwrap } from '../../api/client.js';
import type { AuditVerifyResult } from '../../api/types.js';
import { useErrorText } from '../../lib/errors.js';

/** Runs the hash-chain verification (item 三十七) and shows the outcome. */
export function VerifyChainButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [isRunning, setRunning] = useState(false);
  const [result, setResult] = useState<AuditVerifyResult | null>(null);

  const onVerify = async () => {
    setRunning(true);
    try {
      setResult(await unwrap(http.GET('/api/v1/audit/verify')));
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setRunning(false);
    }
  };

  return (
    <>
      <Button icon={<SafetyCertificateOutlined />} onClick={() => void onVerify()} loading={isRunning}>
        {t('audit.verify')}
      </Button>
      {result && (
        <Modal
          open
          title={t('audit.verifyTitle')}
          onCancel={() => setResult(null)}
          footer={
            <Button type="primary" onClick={() => setResult(null)}>
              {t('common.done')}
            </Button>
          }
        >
          {result.ok ? (
            <Result
              status="success"
              title={t('audit.verifyOk')}
              subTitle={t('audit.verifyChecked', { count: result.checked })}
            />
          ) : (
            <Result
              status="error"
              title={t('audit.verifyFailed')}
              subTitle={t('audit.verifyProblem', {
                seq: result.firstBadSeq ?? '—',
                problem: result.problem ? t(`audit.problems.${result.problem}`) : '—',
              })}
            />
          )}
        </Modal>
      )}
    </>
  );
}
