import { useEffect, useState } from 'react';
import { App, Button, Space, Tooltip, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Commitment } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { useErrorText } from '../../lib/errors.js';

/** How long a revealed number stays on screen. */
const SHOW_SECONDS = 20;

/**
 * The masked 身分證字號 (A12****789); for those allowed, 「顯示」 asks the server for the full
 * number (each reveal is audited there) and shows it for a short while.
 */
export function NationalIdReveal({ commitment }: { commitment: Commitment }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [shown, setShown] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () =>
      unwrap(http.POST('/api/v1/agreement-commitments/{id}/reveal', { params: { path: { id: commitment.id } } })),
    onSuccess: (answer) => setShown(answer.nationalId),
    onError: (error) => void message.error(errorText(error)),
  });
  useEffect(() => {
    if (shown === null) {
      return undefined;
    }
    const timer = setTimeout(() => setShown(null), SHOW_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [shown]);

  return (
    <Space size={4}>
      <Typography.Text code data-testid="national-id" aria-live="polite" style={{ whiteSpace: 'nowrap' }}>
        {shown ?? commitment.nationalIdMasked}
      </Typography.Text>
      {commitment.can.reveal && shown === null && (
        <Tooltip title={t('agreements.commitments.revealHint', { seconds: SHOW_SECONDS })}>
          <Button
            size="small"
            type="link"
            icon={<EyeOutlined />}
            loading={reveal.isPending}
            aria-label={t('agreements.commitments.revealNamed', { name: commitment.name })}
            onClick={() => reveal.mutate()}
          >
            {t('agreements.commitments.reveal')}
          </Button>
        </Tooltip>
      )}
    </Space>
  );
}
