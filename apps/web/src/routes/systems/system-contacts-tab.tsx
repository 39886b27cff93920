import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Typography } from 'antd';
import { CheckCircleOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CONTACT_KINDS, type ContactKind, type SystemDetail } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { useWhoCan } from '../../lib/permissions.js';
import { ContactFormModal } from './contact-form-modal.js';
import { useRefreshSystems } from './use-system.js';
import { queryKeys } from '../../api/query-keys.js';

/**
 * 聯絡人 (item 十): the business owner, the system owner and the maintenance unit, and the
 * yearly re-confirmation in one click.
 */
export function SystemContactsTab({ system }: { system: SystemDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const whoCan = useWhoCan();
  const refresh = useRefreshSystems();
  const [editing, setEditing] = useState<ContactKind | null>(null);
  const query = useQuery({
    queryKey: queryKeys.systems.contacts(system.id),
    queryFn: () => unwrap(http.GET('/api/v1/systems/{id}/contacts', { params: { path: { id: system.id } } })),
  });
  const confirm = useMutation({
    mutationFn: () =>
      unwrap(http.POST('/api/v1/systems/{id}/contacts/confirm', { params: { path: { id: system.id } } })),
    onSuccess: async (saved) => {
      void message.success(t('systems.contacts.confirmed', { date: formatDate(saved.dueOn, false) }));
      await refresh();
    },
    onError: (error) => void message.error(errorText(error)),
  });

  if (query.isPending) {
    return <Skeleton active />;
  }
  if (query.isError) {
    return <Alert type="error" showIcon title={errorText(query.error)} />;
  }
  const state = query.data;
  const isDecommissioned = system.status === 'decommissioned';
  const isComplete = state.missingKinds.length === 0;
  // Whoever may not fill in or confirm the contacts is told who can, instead of being asked to.
  const isReadOnly = !isDecommissioned && !state.can.edit && !state.can.confirm;

  const statusText = state.confirmedAt
    ? t('systems.contacts.lastConfirmed', {
        date: formatDate(state.confirmedAt),
        name: state.confirmedByName ?? t('systems.contacts.someone'),
      })
    : t('systems.contacts.neverConfirmed');
  const dueText = state.dueOn
    ? t(state.isOverdue ? 'systems.contacts.overdueSince' : 'systems.contacts.dueOn', {
        date: formatDate(state.dueOn, false),
      })
    : t(isReadOnly ? 'systems.contacts.dueNowReadOnly' : 'systems.contacts.dueNow');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Alert
        type={isDecommissioned ? 'info' : state.isOverdue ? 'error' : 'success'}
        showIcon
        data-testid="contacts-status"
        title={isDecommissioned ? t('systems.contacts.notRequired') : dueText}
        description={
          <>
            <div>{statusText}</div>
            <div>{t('systems.contacts.interval', { months: state.intervalMonths, version: state.policyVersion })}</div>
            {!isComplete && !isDecommissioned && (
              <div>
                {t('systems.contacts.missing', {
                  kinds: state.missingKinds.map((k) => t(`systems.contactKinds.${k}`)).join('、'),
                })}
              </div>
            )}
            {isReadOnly && (
              <div data-testid="contacts-who-can">
                {t('systems.contacts.whoCan', { roles: whoCan('contacts.manage') })}
              </div>
            )}
          </>
        }
        action={
          state.can.confirm && (
            <Button
              type="primary"
              icon={<CheckCircleOutlined />}
              disabled={!isComplete}
              loading={confirm.isPending}
              onClick={() => confirm.mutate()}
            >
              {t('systems.contacts.confirm')}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        {CONTACT_KINDS.map((kind) => {
          const contact = state.contacts.find((c) => c.kind === kind);
          return (
            <Col key={kind} xs={24} lg={8}>
              <Card
                size="small"
                title={
                  <Typography.Title level={2} style={{ fontSize: 15, margin: 0 }}>
                    {t(`systems.contactKinds.${kind}`)}
                  </Typography.Title>
                }
                extra={
                  state.can.edit && (
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setEditing(kind)}
                      // The name starts with the visible word (WCAG 2.5.3), then says which contact.
                      aria-label={t(contact ? 'systems.contacts.editNamed' : 'systems.contacts.fillNamed', {
                        kind: t(`systems.contactKinds.${kind}`),
                      })}
                    >
                      {contact ? t('common.edit') : t('systems.contacts.fill')}
                    </Button>
                  )
                }
              >
                {contact ? (
                  <Descriptions
                    column={1}
                    size="small"
                    items={[
                      { key: 'name', label: t('systems.contacts.name'), children: contact.name },
                      { key: 'org', label: t('systems.contacts.organisation'), children: contact.organisation ?? '—' },
                      { key: 'title', label: t('systems.contacts.title'), children: contact.title ?? '—' },
                      { key: 'phone', label: t('systems.contacts.phone'), children: contact.phone },
                      {
                        key: 'email',
                        label: t('systems.contacts.email'),
                        children: <Typography.Link href={`mailto:${contact.email}`}>{contact.email}</Typography.Link>,
                      },
                      {
                        key: 'updated',
                        label: t('systems.contacts.updatedAt'),
                        children: formatDate(contact.updatedAt),
                      },
                    ]}
                  />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('systems.contacts.notFilled')} />
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
      {editing && (
        <ContactFormModal
          open
          systemId={system.id}
          kind={editing}
          contact={state.contacts.find((c) => c.kind === editing)}
          onClose={() => setEditing(null)}
          onSaved={() => void refresh()}
        />
      )}
    </Space>
  );
}
