import type {
  ContactKind,
  ContractType,
  DutyNoticeMethod,
  Environment,
  HostLocation,
  ProtectionLevel,
  RiskKind,
  RiskLevel,
  SystemKind,
} from '@custodian/shared';

/**
 * The demo registry (issue 3) hung on the demo organisations of seed.data.ts: per unit one
 * commissioning contract, two systems with hosts, the three contacts of item 十, a domain
 * and an IPv4 allocation per system, and ISO 27001 certificates of two vendors. Dates are
 * relative to the day of seeding so the demo keeps showing the same situations: one
 * allocation close to its end with a renewal pending, one system whose contacts were
 * never confirmed, one certificate inside the warning period. Domains use the reserved
 * `.example` TLD and addresses the documentation ranges (RFC 5737).
 */

/** How a contract's clause checklist is filled in (its verdict is designed by this). */
export type DemoClausePlan =
  /** Every clause present: compliant. */
  | 'complete'
  /** Two required clauses absent (security testing and scanning budgets): non-compliant. */
  | 'two_absent'
  /** One clause that accepts it marked not applicable, the others present: compliant. */
  | 'one_not_applicable';

/** Clauses a demo contract leaves out when its plan is `two_absent`, if the rule set has them. */
export const DEMO_ABSENT_CLAUSES = ['item9_testing', 'item42_scanning'] as const;

/** Years relative to the year of seeding, and the ROC year used in contract numbers. */
export type DemoCalendar = { year: number; rocYear: number };

export type DemoContact = { name: string; title: string; phone: string; email: string; organisation?: string };

export type DemoHost = {
  hostname: string;
  ips: string[];
  os: string;
  role: string;
  location: HostLocation;
  site: string;
};

export type DemoSystem = {
  name: string;
  kind: SystemKind;
  url: string;
  status: 'planned' | 'pre_launch' | 'online';
  environment: Environment;
  /** Years before the seeding year, with month-day; null for systems not online yet. */
  launch: { yearsAgo: number; monthDay: string } | null;
  protectionLevel: ProtectionLevel;
  personalData?: { categories: string; purpose: string; legalBasis: string };
  exitPlan: string;
  description: string;
  /** Hostnames (of this unit's hosts) that serve it. */
  hosts: string[];
  contacts: Record<ContactKind, DemoContact>;
  /** Whether the unit has confirmed the contacts (item 十); false leaves it overdue. */
  isConfirmed: boolean;
  domain: string;
  ipv4: string;
  /** The domain's period was started so that it ends within 90 days, and a renewal is asked. */
  isDomainExpiringWithRenewal?: boolean;
};

export type DemoContract = {
  unit: string;
  division: string;
  ownerEmail: string;
  /** Whether the unit's administrator has acknowledged the notice of duties (item 二). */
  isDutyAcknowledged: boolean;
  number: (cal: DemoCalendar) => string;
  name: (cal: DemoCalendar) => string;
  type: ContractType;
  subcontractors: string[];
  amount: number;
  slaAvailability: number;
  rtoHours: number;
  rpoHours: number;
  clausePlan: DemoClausePlan;
  dutyNoticeMethod: DutyNoticeMethod;
  notApplicableNote?: string;
  risk: { assessor: string; risks: RiskKind[]; level: RiskLevel; mitigation: string; conclusion: string };
  hosts: DemoHost[];
  systems: DemoSystem[];
};

const phone = (n: string) => `02-7749-${n}`;

export const DEMO_CONTRACTS: readonly DemoContract[] = [
  {
    unit: 'NTNU',
    division: 'MOE-DHE',
    ownerEmail: 'chienhung.wang@moe.example',
    isDutyAcknowledged: true,
    number: (c) => `MOE-${c.rocYear}-DHE-0017`,
    name: (c) => `${c.rocYear}年度教師專業發展支持系統維運委辦案`,
    type: 'commission',
    subcontractors: ['NTNU-V-SYSTEX'],
    amount: 4_860_000,
    slaAvailability: 99.5,
    rtoHours: 8,
    rpoHours: 4,
    clausePlan: 'complete',
    dutyNoticeMethod: 'electronic',
    risk: {
      assessor: '高等教育司資安小組',
      risks: ['password_cracking', 'personal_data_leak', 'data_loss'],
      level: 'high',
      mitigation: '受委辦單位須導入管理介面多因素驗證、每季弱點掃描，個人資料欄位加密儲存並每日異地備份。',
      conclusion: '系統涉及教師個人資料，風險經上述措施後可控，同意委辦。',
    },
    hosts: [
      {
        hostname: 'ntnu-tpd-web01',
        ips: ['192.0.2.17'],
        os: 'Ubuntu 22.04 LTS',
        role: '網頁伺服器',
        location: 'on_premise',
        site: '臺師大校本部資訊中心機房',
      },
      {
        hostname: 'ntnu-tpd-db01',
        ips: ['192.0.2.18'],
        os: 'Red Hat Enterprise Linux 9',
        role: '資料庫伺服器',
        location: 'on_premise',
        site: '臺師大校本部資訊中心機房',
      },
      {
        hostname: 'ntnu-elearn-web01',
        ips: ['192.0.2.33'],
        os: 'Debian 12',
        role: '網頁伺服器',
        location: 'on_premise',
        site: '臺師大公館校區機房',
      },
    ],
    systems: [
      {
        name: '教師專業發展支持系統',
        kind: 'application',
        url: 'https://tpd.ntnu.example/',
        status: 'online',
        environment: 'production',
        launch: { yearsAgo: 2, monthDay: '08-01' },
        protectionLevel: 'high',
        personalData: {
          categories: '姓名、身分證統一編號、出生年月日、服務學校、聯絡電話、電子郵件、研習時數',
          purpose: '教師專業發展研習報名、時數認證及證書核發（特定目的 109 教育或訓練行政）',
          legalBasis: '個人資料保護法第 15 條第 1 款；教師進修研究獎勵辦法',
        },
        exitPlan:
          '契約終止前三個月由精誠資訊移交原始碼、資料庫備份及操作手冊，經臺師大驗收後下線；個人資料依個人資料保護法第 11 條刪除並出具銷毀紀錄。',
        description: '全國教師研習報名、時數登錄與證書核發。',
        hosts: ['ntnu-tpd-web01', 'ntnu-tpd-db01'],
        contacts: {
          business_owner: {
            name: '蕭明哲',
            title: '師資培育學院組長',
            phone: phone('3101'),
            email: 'mingche.hsiao@ntnu.example',
          },
          system_owner: {
            name: '黃怡君',
            title: '資訊中心組長',
            phone: phone('3102'),
            email: 'yichun.huang@ntnu.example',
          },
          maintenance_unit: {
            name: '楊宗翰',
            title: '專案經理',
            phone: '0912-345-678',
            email: 'tsunghan.yang@systex.example',
            organisation: '精誠資訊股份有限公司',
          },
        },
        isConfirmed: true,
        domain: 'tpd.ntnu.example',
        ipv4: '192.0.2.16/28',
      },
      {
        name: '數位學習平臺公告網站',
        kind: 'website',
        url: 'https://elearn.ntnu.example/',
        status: 'online',
        environment: 'production',
        launch: { yearsAgo: 1, monthDay: '02-15' },
        protectionLevel: 'medium',
        exitPlan: '停止服務時將網站內容匯出為靜態封存檔交付臺師大，網域與位址依程序釋出。',
        description: '數位學習平臺的課程公告與操作說明。',
        hosts: ['ntnu-elearn-web01'],
        contacts: {
          business_owner: {
            name: '林佳蓉',
            title: '教學發展中心專員',
            phone: phone('3201'),
            email: 'chiajung.lin@ntnu.example',
          },
          system_owner: {
            name: '蔡佩珊',
            title: '資訊中心工程師',
            phone: phone('3202'),
            email: 'peishan.tsai@ntnu.example',
          },
          maintenance_unit: {
            name: '許文傑',
            title: '維運工程師',
            phone: '0922-456-789',
            email: 'wenchieh.hsu@systex.example',
            organisation: '精誠資訊股份有限公司',
          },
        },
        isConfirmed: true,
        domain: 'elearn.ntnu.example',
        ipv4: '192.0.2.32/29',
      },
    ],
  },
  {
    unit: 'NAER',
    division: 'MOE-DIT',
    ownerEmail: 'shufen.chang@moe.example',
    isDutyAcknowledged: false,
    number: (c) => `MOE-${c.rocYear}-DIT-0042`,
    name: (c) => `${c.rocYear}年度教育研究資料庫雲端服務補助案`,
    type: 'subsidy',
    subcontractors: ['NAER-V-CHTDC'],
    amount: 2_350_000,
    slaAvailability: 99,
    rtoHours: 24,
    rpoHours: 24,
    clausePlan: 'two_absent',
    dutyNoticeMethod: 'written',
    risk: {
      assessor: '資訊及科技教育司',
      risks: ['system_damage', 'data_loss'],
      level: 'medium',
      mitigation: '資料庫每日備份並保留 30 日，雲端主機啟用主機型防火牆與異常登入告警。',
      conclusion: '風險中等，補助契約須補列安全性檢測及弱點掃描經費。',
    },
    hosts: [
      {
        hostname: 'naer-tedr-app01',
        ips: ['198.51.100.65'],
        os: 'Rocky Linux 9',
        role: '應用程式伺服器',
        location: 'cloud',
        site: '中華電信 hicloud（臺灣區）',
      },
      {
        hostname: 'naer-tedr-db01',
        ips: ['198.51.100.66'],
        os: 'Rocky Linux 9',
        role: '資料庫伺服器',
        location: 'cloud',
        site: '中華電信 hicloud（臺灣區）',
      },
      {
        hostname: 'naer-terms-web01',
        ips: ['198.51.100.81'],
        os: 'Windows Server 2022',
        role: '網頁伺服器',
        location: 'on_premise',
        site: '國家教育研究院三峽院區機房',
      },
    ],
    systems: [
      {
        name: '臺灣教育長期追蹤資料庫查詢平臺',
        kind: 'application',
        url: 'https://tedr.naer.example/',
        status: 'online',
        environment: 'production',
        launch: { yearsAgo: 3, monthDay: '03-01' },
        protectionLevel: 'high',
        exitPlan: '服務終止時由中華電信匯出全部資料集與稽核日誌交付國教院，雲端主機經資料抹除後退租。',
        description: '去識別化研究資料的申請、審查與線上查詢。',
        hosts: ['naer-tedr-app01', 'naer-tedr-db01'],
        contacts: {
          business_owner: {
            name: '周美君',
            title: '教育資料庫中心研究員',
            phone: '02-7740-7101',
            email: 'meichun.chou@naer.example',
          },
          system_owner: {
            name: '吳承翰',
            title: '資訊室主任',
            phone: '02-7740-7102',
            email: 'chenghan.wu@naer.example',
          },
          maintenance_unit: {
            name: '鄭雅雯',
            title: '雲端維運工程師',
            phone: '0933-567-890',
            email: 'yawen.cheng@cht.example',
            organisation: '中華電信股份有限公司數據通信分公司',
          },
        },
        isConfirmed: true,
        domain: 'tedr.naer.example',
        ipv4: '198.51.100.64/28',
      },
      {
        name: '雙語詞彙學術名詞資訊網',
        kind: 'website',
        url: 'https://terms.naer.example/',
        status: 'online',
        environment: 'production',
        launch: { yearsAgo: 5, monthDay: '11-20' },
        protectionLevel: 'normal',
        exitPlan: '停止服務前公告三個月，詞彙資料以開放資料格式釋出後下線。',
        description: '學術名詞中英對照查詢。',
        hosts: ['naer-terms-web01'],
        contacts: {
          business_owner: {
            name: '謝文彬',
            title: '編譯發展中心助理研究員',
            phone: '02-7740-7201',
            email: 'wenpin.hsieh@naer.example',
          },
          system_owner: {
            name: '吳承翰',
            title: '資訊室主任',
            phone: '02-7740-7102',
            email: 'chenghan.wu@naer.example',
          },
          maintenance_unit: {
            name: '鄭雅雯',
            title: '雲端維運工程師',
            phone: '0933-567-890',
            email: 'yawen.cheng@cht.example',
            organisation: '中華電信股份有限公司數據通信分公司',
          },
        },
        isConfirmed: false,
        domain: 'terms.naer.example',
        ipv4: '198.51.100.80/29',
      },
    ],
  },
  {
    unit: 'TPCKHS',
    division: 'MOE-DIT',
    ownerEmail: 'shufen.chang@moe.example',
    isDutyAcknowledged: false,
    number: (c) => `MOE-${c.rocYear}-DIT-0058`,
    name: (c) => `${c.rocYear}年度建國高中校園網站及圖書館系統維護採購案`,
    type: 'procurement',
    subcontractors: ['TPCKHS-V-DAWN'],
    amount: 980_000,
    slaAvailability: 98.5,
    rtoHours: 48,
    rpoHours: 24,
    clausePlan: 'one_not_applicable',
    dutyNoticeMethod: 'electronic',
    notApplicableNote: '本案系統不蒐集、處理或利用個人資料。',
    risk: {
      assessor: '資訊及科技教育司',
      risks: ['password_cracking', 'system_damage'],
      level: 'low',
      mitigation: '後台限校內網段登入並啟用網站應用程式防火牆。',
      conclusion: '不涉及個人資料，風險低，同意採購。',
    },
    hosts: [
      {
        hostname: 'ck-www01',
        ips: ['203.0.113.9'],
        os: 'Ubuntu 24.04 LTS',
        role: '網頁伺服器',
        location: 'cloud',
        site: 'Google Cloud asia-east1（彰化）',
      },
      {
        hostname: 'ck-lib01',
        ips: ['203.0.113.17'],
        os: 'Windows Server 2019',
        role: '應用程式伺服器',
        location: 'on_premise',
        site: '建國高中資訊大樓機房',
      },
    ],
    systems: [
      {
        name: '建國高中全球資訊網',
        kind: 'website',
        url: 'https://www.ck.example/',
        status: 'online',
        environment: 'production',
        launch: { yearsAgo: 4, monthDay: '09-01' },
        protectionLevel: 'medium',
        exitPlan: '契約終止時晨曦網路移交網站原始碼與內容備份，由學校資訊組接手維運。',
        description: '學校首頁、最新消息與行政公告。',
        hosts: ['ck-www01'],
        contacts: {
          business_owner: { name: '陳志遠', title: '秘書', phone: '02-2303-4381', email: 'chihyuan.chen@ck.example' },
          system_owner: { name: '劉家豪', title: '資訊組長', phone: '02-2303-4382', email: 'chiahao.liu@ck.example' },
          maintenance_unit: {
            name: '江宜臻',
            title: '技術經理',
            phone: '0958-123-456',
            email: 'yichen.chiang@dawnlight.example',
            organisation: '晨曦網路科技有限公司',
          },
        },
        isConfirmed: true,
        domain: 'www.ck.example',
        ipv4: '203.0.113.8/29',
        isDomainExpiringWithRenewal: true,
      },
      {
        name: '圖書館館藏查詢系統',
        kind: 'application',
        url: 'https://lib.ck.example/',
        status: 'pre_launch',
        environment: 'production',
        launch: null,
        protectionLevel: 'normal',
        exitPlan: '停止服務時匯出館藏書目資料（MARC 格式）交付圖書館。',
        description: '館藏書目查詢，預計下學期上線。',
        hosts: ['ck-lib01'],
        contacts: {
          business_owner: {
            name: '王淑惠',
            title: '圖書館主任',
            phone: '02-2303-4390',
            email: 'shuhui.wang@ck.example',
          },
          system_owner: { name: '周冠宇', title: '網管', phone: '02-2303-4383', email: 'kuanyu.chou@ck.example' },
          maintenance_unit: {
            name: '江宜臻',
            title: '技術經理',
            phone: '0958-123-456',
            email: 'yichen.chiang@dawnlight.example',
            organisation: '晨曦網路科技有限公司',
          },
        },
        isConfirmed: true,
        domain: 'lib.ck.example',
        ipv4: '203.0.113.16/29',
      },
    ],
  },
];

export type DemoQualification = {
  vendor: string;
  name: string;
  certificateNumber: string;
  issuer: string;
  scope: string;
  /** valid: three years from last spring; expiring: ends inside the policy's warning period. */
  validity: 'valid' | 'expiring';
};

export const DEMO_QUALIFICATIONS: readonly DemoQualification[] = [
  {
    vendor: 'NTNU-V-SYSTEX',
    name: 'ISO/IEC 27001:2022',
    certificateNumber: 'IS 735912',
    issuer: 'BSI 英國標準協會',
    scope: '資訊系統開發、維運及託管服務',
    validity: 'valid',
  },
  {
    vendor: 'NAER-V-CHTDC',
    name: 'ISO/IEC 27001:2022',
    certificateNumber: 'TW22/00418',
    issuer: 'SGS 台灣檢驗科技',
    scope: '網際資料中心機房代管及雲端服務維運',
    validity: 'expiring',
  },
];
