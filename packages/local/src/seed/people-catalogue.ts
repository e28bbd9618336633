/**
 * Words for the demo budget holders: names by generation (so a 90-year-old is a Dorothy rather than
 * a Chloe), what matters to people in their own words, and the plain-English notes on plan lines.
 * All fictional.
 */
import type { Category } from '@carepool/domain';

export type Generation = 'older' | 'middle' | 'younger';
export type Gender = 'female' | 'male';

export interface HolderCulture {
  weight: number;
  /** Weight among people aged 65 and over, where the mix differs. */
  olderWeight: number;
  first: Record<Generation, Record<Gender, readonly string[]>>;
  last: readonly string[];
}

const same = (female: readonly string[], male: readonly string[]) => ({
  older: { female, male },
  middle: { female, male },
  younger: { female, male },
});

export const holderCultures: readonly HolderCulture[] = [
  {
    weight: 78,
    olderWeight: 93,
    first: {
      older: {
        female: [
          'Margaret',
          'Dorothy',
          'Joan',
          'Betty',
          'Doreen',
          'Eileen',
          'Mavis',
          'Brenda',
          'Sheila',
          'Barbara',
          'Patricia',
          'Irene',
          'Kathleen',
          'Audrey',
          'Edna',
          'Joyce',
          'Marjorie',
          'Sylvia',
          'Valerie',
          'Maureen',
          'Shirley',
          'Elsie',
          'Vera',
          'Hilda',
          'Winifred',
          'Pamela',
          'Rita',
          'June',
          'Muriel',
          'Norma',
        ],
        male: [
          'Arthur',
          'George',
          'Harold',
          'Kenneth',
          'Dennis',
          'Ronald',
          'Norman',
          'Roy',
          'Derek',
          'Brian',
          'Albert',
          'Stanley',
          'Walter',
          'Eric',
          'Geoffrey',
          'Raymond',
          'Alan',
          'Bernard',
          'Leslie',
          'Cyril',
          'Trevor',
          'Malcolm',
          'Colin',
          'Keith',
          'Barry',
          'Douglas',
          'Gordon',
          'Maurice',
          'Harry',
          'Jack',
        ],
      },
      middle: {
        female: [
          'Susan',
          'Karen',
          'Julie',
          'Tracey',
          'Alison',
          'Joanne',
          'Deborah',
          'Nicola',
          'Lisa',
          'Amanda',
          'Helen',
          'Claire',
          'Sarah',
          'Rachel',
          'Andrea',
          'Jacqueline',
          'Dawn',
          'Michelle',
          'Angela',
          'Lynn',
          'Carol',
          'Elaine',
          'Wendy',
          'Gillian',
        ],
        male: [
          'David',
          'Paul',
          'Mark',
          'Andrew',
          'Stephen',
          'Ian',
          'Gary',
          'Richard',
          'Neil',
          'Martin',
          'Simon',
          'Darren',
          'Wayne',
          'Lee',
          'Graham',
          'Jonathan',
          'Philip',
          'Kevin',
          'Stuart',
          'Robert',
          'Nigel',
          'Craig',
          'Shaun',
          'Timothy',
        ],
      },
      younger: {
        female: [
          'Chloe',
          'Jade',
          'Megan',
          'Amy',
          'Bethany',
          'Lauren',
          'Abbie',
          'Ellie',
          'Holly',
          'Courtney',
          'Hannah',
          'Sophie',
          'Jessica',
          'Rebecca',
          'Katie',
          'Charlotte',
          'Gemma',
          'Leah',
        ],
        male: [
          'Liam',
          'Jack',
          'Ryan',
          'Jordan',
          'Ethan',
          'Kieran',
          'Connor',
          'Callum',
          'Josh',
          'Aaron',
          'Nathan',
          'Kyle',
          'Jamie',
          'Luke',
          'Adam',
          'Thomas',
          'Oliver',
          'Sam',
        ],
      },
    },
    last: [
      'Smith',
      'Taylor',
      'Brown',
      'Wilson',
      'Thompson',
      'Walker',
      'Wood',
      'Robinson',
      'Wright',
      'Hall',
      'Green',
      'Harrison',
      'Clarke',
      'Atkinson',
      'Dinsdale',
      'Outhwaite',
      'Calvert',
      'Pickersgill',
      'Thwaite',
      'Ackroyd',
      'Sowerby',
      'Lister',
      'Hebden',
      'Hodgson',
      'Kirby',
      'Fawcett',
      'Raine',
      'Alderson',
      'Bentley',
      'Horner',
      'Simpson',
      'Richardson',
      'Jackson',
      'Marshall',
      'Sutcliffe',
      'Whiteley',
      'Holmes',
      'Shaw',
      'Dawson',
      'Precious',
      'Peacock',
      'Bell',
      'Scott',
      'Appleton',
      'Hardcastle',
      'Murphy',
      'Kelly',
      'Campbell',
      'Stewart',
      'Mackenzie',
    ],
  },
  {
    weight: 4,
    olderWeight: 3,
    first: {
      older: {
        female: ['Gwen', 'Megan', 'Eirlys', 'Glenys', 'Myfanwy', 'Nerys'],
        male: ['Dai', 'Emrys', 'Gwilym', 'Idris', 'Gareth', 'Huw'],
      },
      middle: {
        female: ['Sian', 'Bethan', 'Rhian', 'Catrin', 'Nia', 'Lowri'],
        male: ['Rhys', 'Owain', 'Gareth', 'Iwan', 'Dafydd', 'Aled'],
      },
      younger: {
        female: ['Cerys', 'Ffion', 'Seren', 'Carys', 'Elin', 'Mali'],
        male: ['Dylan', 'Osian', 'Ioan', 'Cai', 'Rhodri', 'Gethin'],
      },
    },
    last: ['Jones', 'Evans', 'Davies', 'Williams', 'Roberts', 'Hughes', 'Morgan', 'Price', 'Griffiths'],
  },
  {
    weight: 5,
    olderWeight: 1,
    first: same(
      ['Agnieszka', 'Kasia', 'Marta', 'Ania', 'Magda', 'Ewa', 'Halina', 'Zofia'],
      ['Tomasz', 'Piotr', 'Pawel', 'Marek', 'Krzysztof', 'Jan', 'Andrzej', 'Stanislaw'],
    ),
    last: ['Nowak', 'Kowalski', 'Lewandowski', 'Zielinski', 'Wojcik', 'Kaminski', 'Mazur', 'Wozniak'],
  },
  {
    weight: 5,
    olderWeight: 1.5,
    first: same(
      ['Aisha', 'Amina', 'Fatima', 'Zara', 'Nadia', 'Shabana', 'Nasreen', 'Parveen', 'Rubina'],
      ['Imran', 'Bilal', 'Tariq', 'Yusuf', 'Mohammed', 'Abdul', 'Zahid', 'Rashid', 'Sajid'],
    ),
    last: ['Khan', 'Hussain', 'Ahmed', 'Akhtar', 'Iqbal', 'Mahmood', 'Malik', 'Begum', 'Rahman'],
  },
  {
    weight: 3,
    olderWeight: 1,
    first: same(
      ['Harpreet', 'Gurpreet', 'Manjit', 'Simran', 'Amrit', 'Kiran', 'Jasbir'],
      ['Rajinder', 'Jaspal', 'Sukhdev', 'Balwinder', 'Harjit', 'Kulwant', 'Amarjit'],
    ),
    last: ['Singh', 'Kaur', 'Sandhu', 'Gill', 'Dhillon', 'Bains', 'Sidhu'],
  },
  {
    weight: 3,
    olderWeight: 0.5,
    first: same(
      ['Grace', 'Blessing', 'Funmi', 'Ama', 'Chioma', 'Ngozi', 'Abena'],
      ['Daniel', 'Emmanuel', 'Kwame', 'Tunde', 'Chinedu', 'Kofi', 'Samuel'],
    ),
    last: ['Okafor', 'Mensah', 'Adeyemi', 'Boateng', 'Okoro', 'Asante', 'Eze'],
  },
  {
    weight: 2,
    olderWeight: 0.5,
    first: same(['Mei', 'Lin', 'Xiu', 'Hui', 'Yan', 'Li'], ['Wei', 'Jian', 'Hao', 'Ming', 'Jun', 'Kai']),
    last: ['Chen', 'Wong', 'Li', 'Zhang', 'Liu', 'Cheung'],
  },
];

/** Who may look after someone's budget for them, by the holder's age. */
export const relationships: Record<
  'older' | 'middle' | 'younger',
  ReadonlyArray<readonly [string, Gender, Generation, number]>
> = {
  older: [
    ['Daughter', 'female', 'middle', 10],
    ['Son', 'male', 'middle', 7],
    ['Wife', 'female', 'older', 3],
    ['Husband', 'male', 'older', 2],
    ['Niece', 'female', 'middle', 2],
    ['Nephew', 'male', 'middle', 1],
    ['Granddaughter', 'female', 'younger', 1],
    ['Friend', 'female', 'older', 1],
  ],
  middle: [
    ['Wife', 'female', 'middle', 4],
    ['Husband', 'male', 'middle', 3],
    ['Partner', 'female', 'middle', 2],
    ['Sister', 'female', 'middle', 2],
    ['Brother', 'male', 'middle', 1],
    ['Friend', 'male', 'middle', 1],
  ],
  younger: [
    ['Mother', 'female', 'middle', 8],
    ['Father', 'male', 'middle', 4],
    ['Sister', 'female', 'younger', 1],
    ['Aunt', 'female', 'middle', 1],
  ],
};

/** Relationships where the family name is usually shared. */
export const sameFamilyName = new Set([
  'Son',
  'Daughter',
  'Wife',
  'Husband',
  'Mother',
  'Father',
  'Sister',
  'Brother',
]);

export type Profile = 'older' | 'middle' | 'younger';

/** "What matters to you": the first question of a support plan, answered in the person's words. */
export const whatMatters: Record<Profile, readonly string[]> = {
  older: [
    'Staying in my own home, with my things around me, for as long as I can.',
    'Keeping in touch with my friends from chapel and getting out of the house.',
    'Being independent and not having to ring my daughter for everything.',
    'My garden, my cat, and a proper chat with someone most days.',
    'Getting back on my feet after my fall and feeling safe at home again.',
    'Living in {town} near my family, and still getting to the market on a Thursday.',
    'Not feeling so lonely since I was widowed.',
    'Giving my son a break now and then, so he can keep helping me.',
    'Being washed and dressed by people I know, who do things the way I like.',
    'Having a bath and getting dressed properly every morning, not sitting in my dressing gown all day.',
    'Keeping my mind busy: my crosswords, my radio and my lunch club.',
    'Staying out of hospital and managing my diabetes myself.',
    'Seeing my grandchildren and being well enough to enjoy it.',
  ],
  middle: [
    'Staying well and keeping my independence after my stroke.',
    'Getting out of the house and back into the community.',
    'Managing my MS on my own terms, with help I choose.',
    'Keeping my home and my allotment going.',
    'Being there for my grandchildren, even on my bad days.',
    'Getting back to some kind of work, even part time.',
    'Feeling less anxious and more in control of my week.',
    'Keeping my flat clean and my mind busy.',
    'Living on my own, not in a home, with the right help at the right time.',
    'Being able to go to the football again with my brother.',
  ],
  younger: [
    'Having my own place and my own friends, and doing the things people my age do.',
    'Getting a job, or at least some volunteering, so I have something to get up for.',
    'Going out in the evenings with people I choose, not just my mum and dad.',
    'Learning to cook and look after my flat without help every day.',
    'Football at the weekend and seeing my mates.',
    'Being part of the art group and selling some of my work one day.',
    'Giving my parents a break, so they can keep supporting me.',
    'Travelling on the bus on my own into {town}.',
    'Being listened to, and making my own choices about my life.',
    'Keeping fit and going swimming, because it helps my mood.',
  ],
};

/** "What I want to achieve", one list per kind of plan line. */
export const achievements: Record<Category, readonly string[]> = {
  personal_care: [
    'I want to be up, washed and dressed by nine every morning.',
    'I want help to have a shower twice a week.',
    'I want the same few carers who know me and how I like things done.',
    'I want help getting ready for bed so I am not up in the chair all night.',
    'I want to take my tablets at the right times.',
  ],
  pa_support: [
    'I want my PA to help me get to the shops and the gym.',
    'I want to choose who supports me and when.',
    'I want help to sort my post and my money each week.',
    'I want someone to come to appointments with me.',
    'I want to go out in the evenings, not just in the day.',
  ],
  day_and_community: [
    'I want to get to the allotment twice a week.',
    'I want to go to the lunch club on Tuesdays and Thursdays.',
    'I want to join a walking group and make new friends.',
    'I want to keep going to the art group on Wednesdays.',
    'I want to go swimming every week.',
    'I want to get to the memory café in {town}.',
    'I want to sing in the community choir again.',
  ],
  short_breaks: [
    'I want my daughter to have a week off without worrying about me.',
    'I want a few days away at the seaside this summer.',
    'I want my mum and dad to get a proper break.',
    'I want my wife to have a rest from caring now and then.',
  ],
  transport: [
    'I want to get into {town} on market day.',
    'I want to get to my appointments without asking my family.',
    'I want a taxi home from the club when it gets dark early.',
  ],
  equipment_and_technology: [
    'I want a pendant alarm so I feel safe at night.',
    'I want a tablet so I can video call my grandchildren.',
    'I want a riser chair so I can stand up on my own.',
    'I want a talking clock and reminders for my tablets.',
  ],
  advice_and_brokerage: [
    'I want help to plan my support and keep on top of my budget.',
    'I want someone independent to help me find the right services.',
  ],
  health_and_therapy: [
    'I want to walk to the end of the road again with help from my physio.',
    'I want to keep seeing my counsellor every fortnight.',
    'I want speech therapy so people understand me better.',
    'I want hydrotherapy to ease the pain in my joints.',
  ],
  learning_and_work: [
    'I want to do a cookery course at college.',
    'I want to volunteer at the charity shop two mornings a week.',
    'I want help to find a part-time job.',
    'I want to learn to use a computer and send emails.',
  ],
  household_help: [
    'I want help keeping the house clean and tidy.',
    'I want someone to help with the shopping each week.',
    'I want the garden kept so I can sit out in it.',
    'I want help cooking proper meals.',
  ],
};

/** Line notes; {hours} is filled in from the cap where it helps. */
export const lineNotes: Record<Category, readonly string[]> = {
  personal_care: [
    'Help to shower and dress, a few mornings a week',
    'Help with a bath or shower, twice a week',
    'A few bedtime calls a week',
  ],
  pa_support: [
    'About {hours} a week with my PA',
    'My PA, at home and out and about (about {hours} a week)',
    'PA support, mostly in the afternoons',
  ],
  day_and_community: [
    'Lunch club and a weekly class',
    'Day centre two days a week',
    'Art group fees and materials',
    'Memory café and gardening club',
    'Swimming and a walking group',
  ],
  short_breaks: [
    'Respite stays so my carer can have a break',
    'A short holiday with support',
    'Overnight sitting service, a few times a year',
  ],
  transport: ['Taxis to clubs and appointments', 'Community transport', 'Bus pass top-up and taxis'],
  equipment_and_technology: [
    'Pendant alarm and monitoring',
    'Tablet and broadband',
    'Small aids for the kitchen and bathroom',
  ],
  advice_and_brokerage: ['Support planning and help to manage my budget'],
  health_and_therapy: ['Physiotherapy, every other week', 'Counselling sessions', 'Hydrotherapy'],
  learning_and_work: ['College course fees', 'Job coach support', 'Travel to volunteering'],
  household_help: ['Cleaning once a week', 'Shopping and cleaning', 'Gardening in the summer months'],
};

/** Personal care notes for bigger packages, by the hours a week they need at least. */
export const dailyCareNotes: ReadonlyArray<readonly [number, string]> = [
  [12, 'Morning and evening calls (about {hours} a week)'],
  [6, 'Morning call, seven days a week (about {hours} a week)'],
  [6, 'Bedtime call each evening (about {hours} a week)'],
];

export const contingencyNote = "Only for emergencies, when my usual help can't come";

/** Why a plan went to the panel rather than being approved by the care manager. */
export const referralReasons = [
  'Referred to the funding panel: the plan includes a residential short break above the usual limit.',
  'Referred to the panel for a second opinion on the level of overnight support.',
  'Referred to the panel: new equipment over £1,000 needs panel agreement.',
];
