import { useState, type ReactNode } from 'react';
import { App, Button, type ButtonProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useErrorText } from '../../lib/errors.js';
import { downloadFromApi } from './upload-with-progress.js';

/** A button that downloads a file from the API and shows a localised error if it fails. */
export function DownloadButton(props: {
  path: string;
  fallbackName: string;
  children: ReactNode;
  type?: ButtonProps['type'];
  size?: ButtonProps['size'];
}) {
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [isLoading, setLoading] = useState(false);
  const onClick = async () => {
    setLoading(true);
    try {
      await downloadFromApi(props.path, props.fallbackName);
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setLoading(false);
    }
  };
  return (
    <Button
      type={props.type}
      size={props.size}
      icon={<DownloadOutlined />}
      loading={isLoading}
      onClick={() => void onClick()}
    >
      {props.children}
    </Button>
  );
}
