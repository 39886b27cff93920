import { Button, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** PDF or image: what a signed scan may be (the server checks the content). */
export const SCAN_ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

/** Form.Item props for a one-file field kept in the form until submission. */
export const fileFieldProps = {
  valuePropName: 'fileList',
  getValueFromEvent: (event: { fileList: UploadFile[] }) => event.fileList.slice(-1),
} as const;

/** The file in a one-file field's value. */
export function chosenFile(list: UploadFile[] | undefined): File | undefined {
  const file = list?.[0]?.originFileObj;
  return file instanceof File ? file : undefined;
}

/** A keyboard-usable picker of one scan, uploaded only when the form is submitted. */
export function ScanPicker(props: {
  id?: string;
  fileList?: UploadFile[];
  onChange?: (info: { fileList: UploadFile[] }) => void;
  label: string;
}) {
  const { t } = useTranslation();
  const { fileList, onChange, label, id } = props;
  return (
    <Upload
      id={id}
      accept={SCAN_ACCEPT}
      maxCount={1}
      fileList={fileList}
      beforeUpload={() => false}
      onChange={(info) => onChange?.({ fileList: info.fileList })}
    >
      {/* The Upload wrapper is the focusable button; this one only shows it. */}
      <Button icon={<UploadOutlined />} tabIndex={-1} aria-label={`${t('agreements.sign.chooseFile')}：${label}`}>
        {t('agreements.sign.chooseFile')}
      </Button>
    </Upload>
  );
}
