import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isEmptyPolicyDiff, type ClauseRule, type PolicyRulesDiff } from '@custodian/shared';
import { NUMBER_UNITS, useLocalised } from './rule-set-view.js';

function ClauseList(props: { heading: string; codes: string[]; clauses: Map<string, ClauseRule> }) {
  const localised = useLocalised();
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
              <Typography.Text code>{code}</Typography.Text> {clause ? `${clause.item} ${localised(clause.title)}` : ''}
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
}) {
  const { diff, baseVersion, clauses } = props;
  const { t } = useTranslation();
  if (isEmptyPolicyDiff(diff)) {
    return <Alert type="warning" showIcon title={t('policy.publish.noChanges', { version: baseVersion })} />;
  }
  return (
    <>
      <ClauseList heading={t('policy.publish.added')} codes={diff.clausesAdded} clauses={clauses} />
      <ClauseList heading={t('policy.publish.removed')} codes={diff.clausesRemoved} clauses={clauses} />
      <ClauseList heading={t('policy.publish.changed')} codes={diff.clausesChanged} clauses={clauses} />
      {diff.numbersChanged.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 14, marginTop: 12 }}>
            {t('policy.publish.numbersChanged')}
          </Typography.Title>
          <ul>
            {diff.numbersChanged.map((change) => (
              <li key={change.path}>
                {t('policy.publish.numberChange', {
                  label: t(`policy.numberLabels.${change.path}`),
                  from: t(`policy.${NUMBER_UNITS[change.path]}`, { count: change.from }),
                  to: t(`policy.${NUMBER_UNITS[change.path]}`, { count: change.to }),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
