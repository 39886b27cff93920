import { Alert, Breadcrumb, Card, Descriptions, Skeleton, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { http, unwrap } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { PageTitle } from '../../components/page-title.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { useOrgName } from '../../lib/use-org-name.js';
import { FindingActions } from './finding-actions.js';
import { FindingStateTag, SeverityTag } from './scan-parts.js';

/** Long tool text (plugin output, request/response) as it came, scrollable. */
function Preformatted({ text }: { text: string | null }) {
  if (!text) {
    return <>—</>;
  }
  return (
    <pre className="finding-evidence" tabIndex={0}>
      {text}
    </pre>
  );
}

/** /scans/findings/:id: one finding, what the tool saw, its deadline and lifecycle. */
export function FindingDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const orgName = useOrgName();
  const formatDate = useFormatDate();
  const errorText = useErrorText();
  const query = useQuery({
    queryKey: queryKeys.scans.finding(id),
    queryFn: () => unwrap(http.GET('/api/v1/scans/findings/{id}', { params: { path: { id } } })),
  });
  const f = query.data;
  const asset = f
    ? [f.url, f.hostname, f.ip, f.port ? `${f.port}/${f.protocol ?? ''}` : null, f.component]
        .filter(Boolean)
        .join(' · ')
    : '';
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/scans">{t('findings.pageTitle')}</Link> }, { title: f?.title ?? '…' }]}
      />
      <PageTitle
        title={f?.title ?? t('findings.pageTitle')}
        extra={
          f && (
            <Space wrap>
              <SeverityTag severity={f.severity} />
              <FindingStateTag state={f.state} />
            </Space>
          )
        }
      />
      {query.isPending && <Skeleton active />}
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} />}
      {f && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <FindingActions finding={f} />
          {f.isOverdue && (
            <Alert type="warning" showIcon title={t('findings.overdueNotice', { day: formatDate(f.dueOn, false) })} />
          )}
          <Card>
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                {
                  key: 'system',
                  label: t('findings.system'),
                  children: (
                    <>
                      <Link to={`/systems/${f.systemId}?tab=scans`}>{f.systemName}</Link>（
                      {orgName(f.orgName, f.orgNameEn)}）
                    </>
                  ),
                },
                { key: 'asset', label: t('findings.asset'), children: asset || '—' },
                { key: 'tool', label: t('findings.tool'), children: `${f.tool} · ${f.ruleId}` },
                {
                  key: 'severity',
                  label: t('findings.severity'),
                  children: (
                    <>
                      <SeverityTag severity={f.severity} />
                      {f.toolSeverity && <Typography.Text type="secondary">{f.toolSeverity}</Typography.Text>}
                      {f.cvssScore !== null && ` CVSS ${f.cvssScore}`}
                      {f.cvssVector && (
                        <div>
                          <Typography.Text code>{f.cvssVector}</Typography.Text>
                        </div>
                      )}
                    </>
                  ),
                },
                { key: 'cves', label: 'CVE', children: f.cves.length > 0 ? f.cves.join(', ') : '—' },
                { key: 'cwes', label: 'CWE', children: f.cwes.length > 0 ? f.cwes.join(', ') : '—' },
                {
                  key: 'due',
                  label: t('findings.dueOn'),
                  children: f.dueOn
                    ? `${formatDate(f.dueOn, false)}${f.policyVersion ? `（${t('findings.ruleVersion', { version: f.policyVersion })}）` : ''}`
                    : '—',
                },
                { key: 'first', label: t('findings.firstSeen'), children: formatDate(f.firstSeenAt) },
                ...(f.dispositionReason
                  ? [
                      {
                        key: 'disposition',
                        label: t('findings.disposition'),
                        span: 'filled' as const,
                        children: (
                          <>
                            <div>{f.dispositionReason}</div>
                            <Typography.Text type="secondary">
                              {t('findings.approvedBy', { name: f.dispositionApprover ?? '—' })}
                              {f.riskAcceptedUntil &&
                                ` · ${t('findings.acceptedUntil', { day: formatDate(f.riskAcceptedUntil, false) })}`}
                              {f.state === 'risk_accepted' &&
                                ` · ${t(f.ministryApproved ? 'findings.ministryApproved' : 'findings.ministryNotApproved')}`}
                            </Typography.Text>
                          </>
                        ),
                      },
                    ]
                  : []),
                {
                  key: 'description',
                  label: t('findings.description'),
                  span: 'filled',
                  children: (
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                      {f.description ?? '—'}
                    </Typography.Paragraph>
                  ),
                },
                {
                  key: 'solution',
                  label: t('findings.solution'),
                  span: 'filled',
                  children: (
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                      {f.solution ?? '—'}
                    </Typography.Paragraph>
                  ),
                },
                {
                  key: 'references',
                  label: t('findings.references'),
                  span: 'filled',
                  children:
                    f.references.length > 0 ? (
                      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                        {f.references.slice(0, 30).map((r) => (
                          <li key={r} style={{ wordBreak: 'break-all' }}>
                            {/^https?:\/\//.test(r) ? (
                              <a href={r} target="_blank" rel="noopener noreferrer nofollow">
                                {r}
                              </a>
                            ) : (
                              r
                            )}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      '—'
                    ),
                },
                {
                  key: 'evidence',
                  label: t('findings.evidence'),
                  span: 'filled',
                  children: <Preformatted text={f.evidence} />,
                },
              ]}
            />
          </Card>
        </Space>
      )}
    </>
  );
}
