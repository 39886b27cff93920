import { Checkbox, Form, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The six commitments of 附件二 as six checkboxes, word for word, each required: a Form.Item
 * per commitment (`accepted.0` … `accepted.5`), so each is labelled and checked on its own.
 */
export function CommitmentChecks({ items }: { items: readonly string[] }) {
  const { t } = useTranslation();
  const mustTick = {
    validator: async (_: unknown, value: unknown) => {
      if (value !== true) {
        throw new Error(t('agreements.commitments.allRequired'));
      }
    },
  };
  return (
    <Space orientation="vertical" size={0} style={{ width: '100%' }}>
      {items.map((text, index) => (
        <Form.Item
          key={text}
          name={['accepted', index]}
          valuePropName="checked"
          rules={[mustTick]}
          style={{ marginBottom: 8 }}
        >
          <Checkbox>{`${index + 1}. ${text}`}</Checkbox>
        </Form.Item>
      ))}
    </Space>
  );
}

/** The six ticks of a form's values, in order. */
export function acceptedOf(values: { accepted?: (boolean | undefined)[] }): boolean[] {
  return Array.from({ length: 6 }, (_, index) => values.accepted?.[index] === true);
}
