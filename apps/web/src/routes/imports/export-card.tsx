import { Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n.js';
import { EXPORT_LISTS, IMPORT_SHEET_LABELS } from '@custodian/shared';
import { DownloadButton } from './download-button.js';

/** Buttons that export each list in the template's columns, within the user's scope. */
export function ExportCard() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('imports.exports.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph>{t('imports.exports.hint')}</Typography.Paragraph>
      <Space wrap>
        {EXPORT_LISTS.map((list) => (
          <DownloadButton key={list} path={`/exports/${list}.xlsx`} fallbackName={`${list}.xlsx`}>
            {t('imports.exports.button', { list: IMPORT_SHEET_LABELS[list][locale] })}
          </DownloadButton>
        ))}
      </Space>
    </Card>
  );
}
