import type { Role, UnitType } from '@custodian/shared';

/**
 * The demo data set: the Ministry, three divisions, three commissioned units with their
 * vendors, and accounts of every role. Names are realistic; e-mail addresses use the
 * reserved `.example` domain so that nothing can ever be mailed to a real person.
 */
export type DemoOrg = {
  code: string;
  kind: 'ministry' | 'division' | 'unit' | 'vendor';
  name: string;
  nameEn: string;
  unitType?: UnitType;
  /** Code of the parent organisation (the Ministry when absent, except for the Ministry itself). */
  parent?: string;
};

export type DemoUser = {
  email: string;
  name: string;
  role: Role;
  /** Code of the organisation the account belongs to. */
  org: string;
  /** Codes of supervised (ministry_owner) or assigned (auditor) organisations. */
  scope?: string[];
  /** What the account is for, printed with the demo accounts. */
  note: string;
};

export const DEMO_ORGS: readonly DemoOrg[] = [
  { code: 'MOE', kind: 'ministry', name: '教育部', nameEn: 'Ministry of Education' },
  {
    code: 'MOE-DIT',
    kind: 'division',
    name: '資訊及科技教育司',
    nameEn: 'Department of Information and Technology Education',
  },
  { code: 'MOE-DHE', kind: 'division', name: '高等教育司', nameEn: 'Department of Higher Education' },
  { code: 'MOE-DLL', kind: 'division', name: '終身教育司', nameEn: 'Department of Lifelong Education' },
  {
    code: 'NTNU',
    kind: 'unit',
    unitType: 'school',
    name: '國立臺灣師範大學',
    nameEn: 'National Taiwan Normal University',
  },
  {
    code: 'NAER',
    kind: 'unit',
    unitType: 'agency',
    name: '國家教育研究院',
    nameEn: 'National Academy for Educational Research',
  },
  {
    code: 'TPCKHS',
    kind: 'unit',
    unitType: 'school',
    name: '臺北市立建國高級中學',
    nameEn: 'Taipei Municipal Chien Kuo High School',
  },
  {
    code: 'NTNU-V-SYSTEX',
    kind: 'vendor',
    unitType: 'company',
    parent: 'NTNU',
    name: '精誠資訊股份有限公司',
    nameEn: 'SYSTEX Corporation',
  },
  {
    code: 'NAER-V-CHTDC',
    kind: 'vendor',
    unitType: 'company',
    parent: 'NAER',
    name: '中華電信股份有限公司數據通信分公司',
    nameEn: 'Chunghwa Telecom Data Communication Business Group',
  },
  {
    code: 'TPCKHS-V-DAWN',
    kind: 'vendor',
    unitType: 'company',
    parent: 'TPCKHS',
    name: '晨曦網路科技有限公司',
    nameEn: 'Dawnlight Network Technology Co., Ltd.',
  },
];

export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: 'yating.chen@moe.example',
    name: '陳雅婷',
    role: 'ministry_admin',
    org: 'MOE',
    note: '教育部資安窗口 / Ministry security office',
  },
  {
    email: 'chihming.lin@moe.example',
    name: '林志明',
    role: 'ministry_admin',
    org: 'MOE',
    note: '教育部資安窗口 / Ministry security office',
  },
  {
    email: 'shufen.chang@moe.example',
    name: '張淑芬',
    role: 'ministry_owner',
    org: 'MOE-DIT',
    scope: ['NAER', 'TPCKHS'],
    note: '資科司業務承辦，督導國教院、建中 / business owner for NAER and Chien Kuo',
  },
  {
    email: 'chienhung.wang@moe.example',
    name: '王建宏',
    role: 'ministry_owner',
    org: 'MOE-DHE',
    scope: ['NTNU'],
    note: '高教司業務承辦，督導臺師大 / business owner for NTNU',
  },
  {
    email: 'kuohua.li@moe.example',
    name: '李國華',
    role: 'auditor',
    org: 'MOE',
    scope: ['NTNU'],
    note: '稽核人員，受派稽核臺師大 / auditor assigned to NTNU',
  },
  {
    email: 'yichun.huang@ntnu.example',
    name: '黃怡君',
    role: 'unit_admin',
    org: 'NTNU',
    note: '臺師大資安管理 / NTNU administrator',
  },
  {
    email: 'peishan.tsai@ntnu.example',
    name: '蔡佩珊',
    role: 'unit_member',
    org: 'NTNU',
    note: '臺師大系統維護人員 / NTNU maintenance staff',
  },
  {
    email: 'chenghan.wu@naer.example',
    name: '吳承翰',
    role: 'unit_admin',
    org: 'NAER',
    note: '國教院資安管理 / NAER administrator',
  },
  {
    email: 'chiahao.liu@ck.example',
    name: '劉家豪',
    role: 'unit_admin',
    org: 'TPCKHS',
    note: '建中資訊組長 / Chien Kuo administrator',
  },
  {
    email: 'kuanyu.chou@ck.example',
    name: '周冠宇',
    role: 'unit_member',
    org: 'TPCKHS',
    note: '建中網管 / Chien Kuo network staff',
  },
  {
    email: 'tsunghan.yang@systex.example',
    name: '楊宗翰',
    role: 'unit_admin',
    org: 'NTNU-V-SYSTEX',
    note: '精誠專案經理 / SYSTEX project manager',
  },
  {
    email: 'wenchieh.hsu@systex.example',
    name: '許文傑',
    role: 'unit_member',
    org: 'NTNU-V-SYSTEX',
    note: '精誠維運工程師 / SYSTEX maintenance engineer',
  },
  {
    email: 'yawen.cheng@cht.example',
    name: '鄭雅雯',
    role: 'unit_member',
    org: 'NAER-V-CHTDC',
    note: '中華電信數據分公司工程師 / Chunghwa Telecom engineer',
  },
];
