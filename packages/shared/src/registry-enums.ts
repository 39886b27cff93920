import { z } from 'zod';

/** Enumerations shared by the registry's records, their import templates and the web app. */
export const CONTRACT_TYPES = ['subsidy', 'commission', 'procurement'] as const;
export const ContractTypeSchema = z.enum(CONTRACT_TYPES).describe('補助 / 委辦 / 採購');
export type ContractType = z.infer<typeof ContractTypeSchema>;

export const CLAUSE_STATUSES = ['present', 'absent', 'not_applicable'] as const;
export const ClauseStatusSchema = z.enum(CLAUSE_STATUSES).describe('Whether the contract contains the clause');
export type ClauseStatus = z.infer<typeof ClauseStatusSchema>;

export const COMPLIANCE_STATUSES = ['compliant', 'non_compliant'] as const;
export const ComplianceStatusSchema = z.enum(COMPLIANCE_STATUSES).describe('Clause checklist verdict');
export type ComplianceStatus = z.infer<typeof ComplianceStatusSchema>;

export const SYSTEM_KINDS = ['website', 'application'] as const;
export const SystemKindSchema = z.enum(SYSTEM_KINDS).describe('Website or application system');
export type SystemKind = z.infer<typeof SystemKindSchema>;

export const SYSTEM_STATUSES = ['planned', 'pre_launch', 'online', 'decommissioned'] as const;
export const SystemStatusSchema = z.enum(SYSTEM_STATUSES).describe('Life-cycle status');
export type SystemStatus = z.infer<typeof SystemStatusSchema>;

export const ENVIRONMENTS = ['production', 'staging', 'testing', 'development'] as const;
export const EnvironmentSchema = z.enum(ENVIRONMENTS).describe('Environment');
export type Environment = z.infer<typeof EnvironmentSchema>;

/** 普 / 中 / 高 (資通系統防護需求分級). */
export const PROTECTION_LEVELS = ['normal', 'medium', 'high'] as const;
export const ProtectionLevelSchema = z.enum(PROTECTION_LEVELS).describe('Protection level 普/中/高');
export type ProtectionLevel = z.infer<typeof ProtectionLevelSchema>;

export const HOST_LOCATIONS = ['on_premise', 'cloud'] as const;
export const HostLocationSchema = z.enum(HOST_LOCATIONS).describe('On-premise or cloud');
export type HostLocation = z.infer<typeof HostLocationSchema>;

/** Item 十: 業務負責人, 應用系統負責人, 維護單位. */
export const CONTACT_KINDS = ['business_owner', 'system_owner', 'maintenance_unit'] as const;
export const ContactKindSchema = z.enum(CONTACT_KINDS).describe('Contact role (item 十)');
export type ContactKind = z.infer<typeof ContactKindSchema>;

export const ALLOCATION_KINDS = ['domain', 'ipv4', 'ipv6'] as const;
export const AllocationKindSchema = z.enum(ALLOCATION_KINDS).describe('Domain name, IPv4 or IPv6 address/range');
export type AllocationKind = z.infer<typeof AllocationKindSchema>;

export const ALLOCATION_STATUSES = ['active', 'released'] as const;
export const AllocationStatusSchema = z.enum(ALLOCATION_STATUSES);
export type AllocationStatus = z.infer<typeof AllocationStatusSchema>;

export const RENEWAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const RenewalStatusSchema = z.enum(RENEWAL_STATUSES);
export type RenewalStatus = z.infer<typeof RenewalStatusSchema>;

export const QUALIFICATION_KINDS = ['iso27001', 'cns27001', 'iso27701', 'other'] as const;
export const QualificationKindSchema = z.enum(QUALIFICATION_KINDS).describe('Kind of qualification');
export type QualificationKind = z.infer<typeof QualificationKindSchema>;

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export const RiskLevelSchema = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof RiskLevelSchema>;

/**
 * Kind of record a file hangs on. Modules register their owner types on the server
 * (ADR 0018: contract, risk_assessment, system, vendor_qualification, …); a type no module
 * registered is refused there with VALIDATION_FAILED.
 */
export const AttachmentOwnerTypeSchema = z
  .string()
  .regex(/^[a-z][a-z_]{0,39}$/)
  .describe('Kind of record a file hangs on (contract, risk_assessment, system, vendor_qualification, …)');
export type AttachmentOwnerType = z.infer<typeof AttachmentOwnerTypeSchema>;
