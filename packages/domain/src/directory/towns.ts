/**
 * Town names people search by ("Ripon"), each mapped to the postcode district at its centre, so a
 * search `near` a town works as it does near that district. A small hand-kept list: the towns of
 * the demo councils' districts and the largest UK cities; anything else needs a postcode.
 */
const towns: Record<string, string> = {
  // North Dales and Wolds and Vale: the demo councils' own towns
  harrogate: 'HG1',
  'pateley bridge': 'HG3',
  ripon: 'HG4',
  masham: 'HG4',
  knaresborough: 'HG5',
  thirsk: 'YO7',
  northallerton: 'DL7',
  bedale: 'DL8',
  skipton: 'BD23',
  settle: 'BD24',
  otley: 'LS21',
  wetherby: 'LS22',
  'boston spa': 'LS23',
  boroughbridge: 'YO51',
  york: 'YO1',
  haxby: 'YO32',
  easingwold: 'YO61',
  'sheriff hutton': 'YO60',
  helmsley: 'YO62',
  kirkbymoorside: 'YO62',
  malton: 'YO17',
  norton: 'YO17',
  pickering: 'YO18',
  'stamford bridge': 'YO41',
  pocklington: 'YO42',
  driffield: 'YO25',
  'great driffield': 'YO25',
  // Nearby and large places
  leeds: 'LS1',
  bradford: 'BD1',
  scarborough: 'YO11',
  whitby: 'YO21',
  darlington: 'DL1',
  middlesbrough: 'TS1',
  hull: 'HU1',
  beverley: 'HU17',
  sheffield: 'S1',
  manchester: 'M1',
  liverpool: 'L1',
  birmingham: 'B1',
  nottingham: 'NG1',
  leicester: 'LE1',
  bristol: 'BS1',
  newcastle: 'NE1',
  'newcastle upon tyne': 'NE1',
  cardiff: 'CF10',
  edinburgh: 'EH1',
  glasgow: 'G1',
};

function normalise(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z\s-]/g, '')
    .replace(/[\s-]+/g, ' ')
    .trim();
}

/** The postcode district at the centre of a town we know by name, or undefined. */
export function townDistrict(name: string): string | undefined {
  return towns[normalise(name)];
}
