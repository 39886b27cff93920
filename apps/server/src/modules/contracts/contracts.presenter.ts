import type {
  ClauseRule,
  ContractClause,
  ContractDetail,
  ContractListItem,
  RiskAssessment,
  RiskKind,
  SystemStatus,
} from '@custodian/shared';
import { isClauseMissing } from './contracts.compliance.js';
import type { ContractListRow, ContractWithNames } from './contracts.repository.js';
import type { ClauseRow, RiskAssessmentRow } from './contracts.records.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const numberOrNull = (v: string | number | null) => (v === null ? null : Number(v));

/** Maps a list row to the API shape. */
export function presentContractListItem(row: ContractListRow): ContractListItem {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    type: row.type,
    unitId: row.unitId,
    unitName: row.unitName,
    unitNameEn: row.unitNameEn,
    divisionId: row.divisionId,
    divisionName: row.divisionName,
    divisionNameEn: row.divisionNameEn,
    ownerUserId: row.ownerUserId,
    ownerName: row.ownerName,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    amount: row.amount,
    complianceStatus: row.complianceStatus,
    missingCount: row.missingClauses.length,
    systemCount: row.systemCount,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The version's checklist in its order, each rule with the contract's mark (or none). */
export function presentChecklist(rules: readonly ClauseRule[], rows: readonly ClauseRow[]): ContractClause[] {
  const byCode = new Map(rows.map((r) => [r.clauseCode, r]));
  return rules.map((rule) => {
    const row = byCode.get(rule.code);
    return {
      code: rule.code,
      item: rule.item,
      title: rule.title,
      description: rule.description,
      required: rule.required,
      allowNotApplicable: rule.allowNotApplicable,
      status: row?.status ?? null,
      articleRef: row?.articleRef ?? null,
      note: row?.note ?? null,
      isMissing: isClauseMissing(rule, row?.status),
      updatedAt: iso(row?.updatedAt ?? null),
      updatedByName: row?.updatedByName ?? null,
    };
  });
}

export function presentRiskAssessment(row: RiskAssessmentRow): RiskAssessment {
  return {
    id: row.id,
    contractId: row.contractId,
    assessedOn: row.assessedOn,
    assessor: row.assessor,
    risks: row.risks as RiskKind[],
    level: row.level,
    mitigation: row.mitigation,
    conclusion: row.conclusion,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type ContractDetailParts = {
  contract: ContractWithNames;
  rules: readonly ClauseRule[];
  currentPolicyVersion: number;
  clauses: readonly ClauseRow[];
  subcontractors: { id: string; name: string; nameEn: string | null }[];
  riskAssessments: readonly RiskAssessmentRow[];
  systems: { id: string; name: string; status: SystemStatus }[];
  /** What the caller may do with the contract (contract tenancy and their role's permissions). */
  can: ContractDetail['can'];
};

/** Maps a contract and everything hanging on it to the detail shape. */
export function presentContractDetail(parts: ContractDetailParts): ContractDetail {
  const c = parts.contract;
  return {
    id: c.id,
    number: c.number,
    name: c.name,
    type: c.type,
    unitId: c.unitId,
    unitName: c.unitName,
    unitNameEn: c.unitNameEn,
    divisionId: c.divisionId,
    divisionName: c.divisionName,
    divisionNameEn: c.divisionNameEn,
    ownerUserId: c.ownerUserId,
    ownerName: c.ownerName,
    periodStart: c.periodStart,
    periodEnd: c.periodEnd,
    amount: c.amount,
    complianceStatus: c.complianceStatus,
    slaAvailability: numberOrNull(c.slaAvailability),
    rtoHours: c.rtoHours,
    rpoHours: c.rpoHours,
    notes: c.notes,
    subcontractors: parts.subcontractors,
    dutyNotice: {
      sentAt: iso(c.dutyNoticeSentAt),
      method: c.dutyNoticeMethod,
      acknowledgedAt: iso(c.dutyAcknowledgedAt),
      acknowledgedByName: c.acknowledgedByName,
    },
    policyVersionId: c.policyVersionId,
    policyVersion: c.policyVersion,
    currentPolicyVersion: parts.currentPolicyVersion,
    clauses: presentChecklist(parts.rules, parts.clauses),
    missingClauses: c.missingClauses,
    riskAssessments: parts.riskAssessments.map(presentRiskAssessment),
    systems: parts.systems,
    can: parts.can,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
