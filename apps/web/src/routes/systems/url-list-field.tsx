import { Button, Form, Input, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MAX_SYSTEM_URLS, SystemUrlSchema } from '@custodian/shared';

/** The addresses of a system: one input per URL, checked as http(s) URLs, at most ten. */
export function UrlListField() {
  const { t } = useTranslation();
  return (
    <Form.Item
      label={t('systems.fields.urls')}
      extra={t('systems.form.urlsHelp', { max: MAX_SYSTEM_URLS })}
      required={false}
    >
      <Form.List name="urls">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                <Form.Item
                  name={field.name}
                  validateTrigger={['onChange', 'onBlur']}
                  rules={[
                    { required: true, whitespace: true, message: t('validation.required') },
                    {
                      validator: async (_, value: string | undefined) => {
                        if (value?.trim() && !SystemUrlSchema.safeParse(value).success) {
                          throw new Error(t('systems.form.urlInvalid'));
                        }
                      },
                    },
                  ]}
                  style={{ marginBottom: 8, width: 560 }}
                >
                  <Input
                    aria-label={t('systems.form.urlNumbered', { number: index + 1 })}
                    placeholder="https://"
                    spellCheck={false}
                    inputMode="url"
                  />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                  aria-label={t('systems.form.removeUrl', { number: index + 1 })}
                />
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add('')} disabled={fields.length >= MAX_SYSTEM_URLS}>
              {t('systems.form.addUrl')}
            </Button>
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}
