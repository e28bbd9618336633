/** The demo users' ids, for tests and the sign-in-as page. */
export const demoUserIds = {
  holder: 'usr_demo_holder',
  holder2: 'usr_demo_holder_2',
  representative: 'usr_demo_representative',
  provider: 'usr_demo_provider',
  personalAssistant: 'usr_demo_pa',
  broker: 'usr_demo_broker',
  careManager: 'usr_demo_care_manager',
  careManager2: 'usr_demo_care_manager_2',
  finance: 'usr_demo_finance',
  auditor: 'usr_demo_auditor',
  councilAdmin: 'usr_demo_council_admin',
  wvHolder: 'usr_demo_wv_holder',
  wvCareManager: 'usr_demo_wv_care_manager',
  wvCareManager2: 'usr_demo_wv_care_manager_2',
  wvFinance: 'usr_demo_wv_finance',
  wvAuditor: 'usr_demo_wv_auditor',
  wvCouncilAdmin: 'usr_demo_wv_council_admin',
  platformAdmin: 'usr_demo_platform_admin',
} as const;

/** People the demo users are (or act for), with budgets, plans and delegations. */
export const demoPersonIds = {
  /** Jean Barker, the holder. */
  holder: 'per_demo_0001',
  /** Daniel Okafor, the second holder. */
  holder2: 'per_demo_0002',
  /** Frank Metcalfe, whose daughter Helen is the demo representative. */
  represented: 'per_demo_0003',
  /** Ruth Dobson, a holder in Wolds and Vale. */
  wvHolder: 'per_wv_0001',
} as const;
