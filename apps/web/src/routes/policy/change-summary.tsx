import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  isEmptyPolicyDiff,
  POLICY_SECTIONS,
  type ClauseRule,
  type PolicyRulesDiff,
  type PolicySection,
  regulationItemLabel,
} from '@custodian/shared';
import { useLocalised } from './rule-set-view.js';
import { describeChange } from './rule-values.js';

function ClauseList(props: { heading: string; codes: string[]; clauses: Map<string, ClauseRule> }) {
  const localised = useLocalised();
  const { i18n } = useTranslation();
  if (props.codes.length === 0) {
    return null;
  }
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 14, marginTop: 12 }}>
        {props.heading}
      </Typography.Title>
      <ul>
        {props.codes.map((code) => {
          const clause = props.clauses.get(code);
          return (
            <li key={code}>
              <Typography.Text code>{code}</Typography.Text>{' '}
              {clause ? `${regulationItemLabel(clause.item, i18n.language)} ${localised(clause.title)}` : ''}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** What a new version changes against the one it follows: the same diff the audit trail keeps. */
export function ChangeSummary(props: {
  diff: PolicyRulesDiff;
  baseVersion: number;
  /** Clauses of both rule sets by code, to name removed as well as added ones. */
  clauses: Map<string, ClauseRule>;
  sections?: readonly PolicySection[];
}) {
  const { diff, baseVersion, clauses, sections = POLICY_SECTIONS } = props;
  const { t } = useTranslation();
  if (isEmptyPolicyDiff(diff)) {
    return <Alert type="warning" showIcon title={t('policy.publish.noChanges', { version: baseVersion })} />;
  }
  const titles = (keys: string[]) =>
    keys
      .map((key) => {
        const section = sections.find((s) => s.key === key);
        return section ? t(section.titleKey) : key;
      })
      .join(t('policy.usageSeparator'));
  return (
    <>
      {diff.sectionsAdded.length > 0 && (
        <Typography.Paragraph>
          {t('policy.publish.sectionsAdded', { titles: titles(diff.sectionsAdded) })}
        </Typography.Paragraph>
      )}
      {diff.sectionsRemoved.length > 0 && (
        <Typography.Paragraph>
          {t('policy.publish.sectionsRemoved', { titles: titles(diff.sectionsRemoved) })}
        </Typography.Paragraph>
      )}
      <ClauseList heading={t('policy.publish.added')} codes={diff.clausesAdded} clauses={clauses} />
      <ClauseList heading={t('policy.publish.removed')} codes={diff.clausesRemoved} clauses={clauses} />
      <ClauseList heading={t('policy.publish.changed')} codes={diff.clausesChanged} clauses={clauses} />
      {diff.valuesChanged.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 14, marginTop: 12 }}>
            {t('policy.publish.valuesChanged')}
          </Typography.Title>
          <ul>
            {diff.valuesChanged.map((change) => (
              <li key={change.path}>{t('policy.publish.valueChange', describeChange(t, change, sections))}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
