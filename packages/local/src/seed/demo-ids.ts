/** The demo users' ids, for tests and the sign-in-as page. */
export const demoUserIds = {
  holder: 'usr_demo_holder',
  holder2: 'usr_demo_holder_2',
  representative: 'usr_demo_representative',
  provider: 'usr_demo_provider',
  personalAssistant: 'usr_demo_pa',
  broker: 'usr_demo_broker',
  careManager: 'usr_demo_care_manager',
  finance: 'usr_demo_finance',
  auditor: 'usr_demo_auditor',
  councilAdmin: 'usr_demo_council_admin',
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
} as const;
