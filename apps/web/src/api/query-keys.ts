/**
 * Every query key of the web app, one section per area, so a page that changes a record
 * invalidates exactly the keys the pages showing it use. A list key is the prefix of every
 * page and filter of that list (`usePagedQuery` adds them), so invalidating it refreshes
 * all of them; a detail key adds the record's id.
 */
export const queryKeys = {
  session: {
    current: ['session'] as const,
    setupStatus: ['setup-status'] as const,
    oidcConfig: ['oidc-config'] as const,
    invite: (token: string) => ['invite', token] as const,
  },
  account: {
    sessions: ['account-sessions'] as const,
    tokens: ['account-tokens'] as const,
    mfaSetup: ['mfa-setup'] as const,
    calendarFeed: ['account-calendar-feed'] as const,
  },
  dashboard: { all: ['dashboard'] as const },
  organisations: {
    list: 'organisations',
    options: 'org-options',
    detail: (id: string) => ['organisation', id] as const,
  },
  users: { list: 'users' },
  audit: { list: 'audit-events', actions: ['audit-actions'] as const },
  policy: {
    current: ['policy-current'] as const,
    versions: 'policy-versions',
    latest: ['policy-versions', 'latest'] as const,
    version: (id: string) => ['policy-version', id] as const,
  },
  contracts: {
    list: 'contracts',
    options: 'contract-options',
    partyOptions: ['contract-party-options'] as const,
    detail: (id: string) => ['contract', id] as const,
  },
  systems: {
    list: 'systems',
    options: 'system-options',
    overdueSummary: 'systems-overdue-summary',
    all: ['system'] as const,
    detail: (id: string) => ['system', id] as const,
    allContacts: ['system-contacts'] as const,
    contacts: (id: string) => ['system-contacts', id] as const,
  },
  hosts: {
    list: 'hosts',
    options: 'host-options',
    all: ['host'] as const,
    detail: (id: string) => ['host', id] as const,
  },
  allocations: {
    list: 'allocations',
    renewals: 'allocation-renewals',
    systemOptions: 'allocation-system-options',
    detail: (id: string) => ['allocations', 'detail', id] as const,
    period: (startsOn: string | undefined) => ['allocation-period', startsOn] as const,
  },
  vendors: {
    list: 'vendor-qualifications',
    summary: 'vendor-qualification-summary',
    detail: (id: string) => ['vendor-qualification', id] as const,
  },
  scans: {
    list: 'scans',
    findings: 'scan-findings',
    detail: (id: string) => ['scan', id] as const,
    finding: (id: string) => ['scan-finding', id] as const,
    import: (id: string) => ['scan-import', id] as const,
    launchCheck: (systemId: string) => ['scan-launch-check', systemId] as const,
    stats: (systemId: string | undefined) => ['scan-stats', systemId ?? 'all'] as const,
  },
  imports: {
    job: (id: string) => ['import-job', id] as const,
    sheet: (id: string, sheet: string | undefined, page: number, pageSize: number) =>
      ['import-job', id, sheet, page, pageSize] as const,
  },
  jobs: { failed: 'jobs-failed' },
  notifications: {
    /** Prefix of every notifications key: invalidate it after a read or mark-all. */
    all: ['notifications'] as const,
    list: 'notifications',
    unreadCount: ['notifications', 'unread-count'] as const,
    recent: ['notifications', 'recent'] as const,
    preferences: ['notification-preferences'] as const,
  },
  outbox: { list: 'outbox' },
  obligations: {
    /** Prefix of every obligation query: a change to one obligation refreshes them all. */
    all: ['obligations'] as const,
    todo: ['obligations', 'todo'] as const,
    list: 'obligations',
    month: (filters: Record<string, string | undefined>, month: string) =>
      ['obligations', 'month', filters, month] as const,
    detail: (id: string) => ['obligations', 'detail', id] as const,
    counts: ['obligations', 'counts'] as const,
    snapshots: (from: string, to: string) => ['obligations', 'snapshots', from, to] as const,
    ownerOptions: 'obligation-owner-options',
  },
  workingDays: {
    years: ['working-days-years'] as const,
    year: (year: number) => ['working-days', year] as const,
  },
  pentests: {
    list: 'pentests',
    detail: (id: string) => ['pentest', id] as const,
    findings: (id: string) => ['pentest', id, 'findings'] as const,
    scanOptions: (systemId: string) => ['pentest-scan-options', systemId] as const,
  },
  agreements: {
    list: 'agreements',
    commitmentList: 'agreement-commitments',
    /** Prefix of every agreement query: one change refreshes its staff, commitments and access too. */
    all: ['agreement'] as const,
    detail: (id: string) => ['agreement', id] as const,
    staff: (id: string) => ['agreement', id, 'staff'] as const,
    commitments: (id: string) => ['agreement', id, 'commitments'] as const,
    commitmentText: ['agreement-commitment-text'] as const,
    mine: ['agreement', 'my-commitments'] as const,
    contractAccess: (contractId: string) => ['agreement', 'contract-access', contractId] as const,
    contractOptions: 'agreement-contract-options',
    userOptions: 'agreement-user-options',
  },
  attachments: {
    ownerTypes: ['attachments', 'owner-types'] as const,
    owner: (ownerType: string, ownerId: string) => ['attachments', ownerType, ownerId] as const,
  },
} as const;

/** The key of a whole list (every page and filter), for invalidation. */
export function listKey(list: string): readonly [string] {
  return [list];
}
