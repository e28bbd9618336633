import * as z from 'zod';

/**
 * The fixed category taxonomy. Plan lines and listings use the same codes, so the spend check can
 * ask "does this meet the plan" rather than "is this a care service": mainstream purchases such as
 * a gym or a class are legitimate under the right line.
 */
export const categories = [
  {
    code: 'personal_care',
    label: 'Personal care',
    description: 'Help with washing, dressing, eating, going to the toilet and taking medicines.',
    regulated: true,
  },
  {
    code: 'pa_support',
    label: 'Personal assistant support',
    description: 'A personal assistant you choose, for help at home or out and about.',
    regulated: false,
  },
  {
    code: 'day_and_community',
    label: 'Day and community activities',
    description: 'Clubs, groups, classes, hobbies, sport and days out.',
    regulated: false,
  },
  {
    code: 'short_breaks',
    label: 'Short breaks and respite',
    description: 'A break for you or the people who care for you, at home or away.',
    regulated: false,
  },
  {
    code: 'transport',
    label: 'Transport',
    description: 'Getting to places: taxis, accessible transport and travel support.',
    regulated: false,
  },
  {
    code: 'equipment_and_technology',
    label: 'Equipment and technology',
    description: 'Aids, adaptations, alarms, tablets and other things that help at home.',
    regulated: false,
  },
  {
    code: 'advice_and_brokerage',
    label: 'Advice and support planning',
    description: 'Help to plan your support, manage your budget and find services.',
    regulated: false,
  },
  {
    code: 'health_and_therapy',
    label: 'Health and therapy',
    description: 'Physiotherapy, counselling, speech therapy and other health support.',
    regulated: false,
  },
  {
    code: 'learning_and_work',
    label: 'Learning and work',
    description: 'Courses, training, volunteering and help to find or keep a job.',
    regulated: false,
  },
  {
    code: 'household_help',
    label: 'Household help',
    description: 'Cleaning, shopping, cooking, gardening and small jobs around the home.',
    regulated: false,
  },
] as const;

export type Category = (typeof categories)[number]['code'];
export const categoryCodes = categories.map((c) => c.code) as [Category, ...Category[]];

export function categoryLabel(code: Category): string {
  return categories.find((c) => c.code === code)?.label ?? code;
}

export const CategoryCode = z.enum(categoryCodes, {
  error: `Choose a category from the list: ${categoryCodes.join(', ')}`,
});
