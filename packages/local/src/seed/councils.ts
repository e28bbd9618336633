import type { CouncilRecord } from '@carepool/domain';
import { demoUserIds } from './demo-ids.ts';

/** A postcode district of a demo council: outward code, its town, local dialling code, how busy. */
export type DemoDistrict = readonly [outcode: string, town: string, dialling: string, weight: number];

/** The ids the generated records of one council are given, so two councils never share one. */
export interface DemoIdPrefixes {
  person: string;
  plan: string;
  line: string;
  representative: string;
  /** A holder who acts for themselves in the demo activity: `${holder}${person number}`. */
  holder: string;
  group: string;
  request: string;
  quote: string;
  quotedListing: string;
}

/** What the seed needs to build one fictional council's people and activity. */
export interface DemoCouncilSpec {
  councilId: string;
  name: string;
  districts: readonly DemoDistrict[];
  /** How many budget holders, the named demo holders included. */
  people: number;
  /** The care manager who registers the council's people and decides their plans. */
  careManager: string;
  /** Care managers who draft plans for people with no delegate, so someone else decides them. */
  colleagues: ReadonlyArray<{ userId: string; name: string }>;
  ids: DemoIdPrefixes;
  /** Mixed into the seed for the council's people, so each council has a random stream of its own. */
  stream: number;
}

/**
 * North Dales is fictional; its districts are real ones around Harrogate, Ripon, Thirsk,
 * Northallerton, Bedale and Skipton, so postcodes typed in the demo resolve to real places.
 */
export const northDales: DemoCouncilSpec = {
  councilId: 'north-dales',
  name: 'North Dales Council',
  districts: [
    ['HG1', 'Harrogate', '01423', 4],
    ['HG2', 'Harrogate', '01423', 3],
    ['HG3', 'Pateley Bridge', '01423', 1],
    ['HG4', 'Ripon', '01765', 3],
    ['HG5', 'Knaresborough', '01423', 2],
    ['YO7', 'Thirsk', '01845', 2],
    ['DL6', 'Northallerton', '01609', 1],
    ['DL7', 'Northallerton', '01609', 2],
    ['DL8', 'Bedale', '01677', 1],
    ['BD23', 'Skipton', '01756', 3],
    ['BD24', 'Settle', '01729', 1],
    ['LS21', 'Otley', '01943', 2],
    ['LS22', 'Wetherby', '01937', 2],
    ['LS23', 'Boston Spa', '01937', 1],
    ['YO51', 'Boroughbridge', '01423', 1],
  ],
  people: 1000,
  careManager: demoUserIds.careManager,
  colleagues: [
    { userId: 'usr_cm_0001', name: 'Rob Dinsdale' },
    { userId: 'usr_cm_0002', name: 'Nasreen Akhtar' },
    { userId: 'usr_cm_0003', name: 'Claire Fawcett' },
  ],
  ids: {
    person: 'per_demo_',
    plan: 'pln_demo_',
    line: 'line_demo_',
    representative: 'usr_rep_',
    holder: 'usr_hld_',
    group: 'grp_demo_',
    request: 'req_demo_',
    quote: 'quo_demo_',
    quotedListing: 'lst_quoted_',
  },
  stream: 0,
};

/**
 * Wolds and Vale is North Dales' fictional neighbour to the east and south-east: real districts of
 * York, the Vale of York, Ryedale and the Yorkshire Wolds. No district belongs to both councils.
 */
export const woldsAndVale: DemoCouncilSpec = {
  councilId: 'wolds-and-vale',
  name: 'Wolds and Vale Council',
  districts: [
    ['YO1', 'York', '01904', 2],
    ['YO10', 'York', '01904', 3],
    ['YO24', 'York', '01904', 3],
    ['YO30', 'York', '01904', 2],
    ['YO31', 'York', '01904', 3],
    ['YO32', 'Haxby', '01904', 2],
    ['YO61', 'Easingwold', '01347', 1],
    ['YO60', 'Sheriff Hutton', '01347', 1],
    ['YO62', 'Helmsley', '01439', 1],
    ['YO17', 'Malton', '01653', 2],
    ['YO18', 'Pickering', '01751', 1],
    ['YO41', 'Stamford Bridge', '01759', 1],
    ['YO42', 'Pocklington', '01759', 1],
    ['YO25', 'Driffield', '01377', 2],
  ],
  people: 300,
  careManager: demoUserIds.wvCareManager,
  colleagues: [
    { userId: 'usr_cm_wv_0001', name: 'Joanne Harland' },
    { userId: 'usr_cm_wv_0002', name: 'Imran Qureshi' },
  ],
  ids: {
    person: 'per_wv_',
    plan: 'pln_wv_',
    line: 'line_wv_',
    representative: 'usr_rep_wv_',
    holder: 'usr_hld_wv_',
    group: 'grp_wv_',
    request: 'req_wv_',
    quote: 'quo_wv_',
    quotedListing: 'lst_quoted_wv_',
  },
  stream: 0x0077_0a1e,
};

/** The demo councils, North Dales first. */
export const demoCouncils: readonly DemoCouncilSpec[] = [northDales, woldsAndVale];

/** The council's record, as the operator (the demo platform administrator) would have created it. */
export function councilRecordOf(spec: DemoCouncilSpec, now: Date): CouncilRecord {
  const at = now.toISOString();
  return {
    councilId: spec.councilId,
    name: spec.name,
    districts: spec.districts.map(([outcode]) => outcode),
    fundingSchedule: { everyDays: 28 },
    settings: {},
    createdAt: at,
    createdBy: demoUserIds.platformAdmin,
    updatedAt: at,
    version: 1,
  };
}
