import { type Questionnaire, Questionnaire as QuestionnaireSchema } from '@carepool/domain';

/**
 * North Dales Council's self-assessment: a short, plain-English points questionnaire. Points turn
 * into an indicative yearly budget at £40 a point; the bands explain the result in words.
 */
export function demoQuestionnaire(councilId: string): Questionnaire {
  const question = (
    questionId: string,
    text: string,
    answers: Array<[string, string, number]>,
    hint?: string,
  ) => ({
    questionId,
    text,
    ...(hint ? { hint } : {}),
    answers: answers.map(([answerId, answerText, points]) => ({ answerId, text: answerText, points })),
  });
  return QuestionnaireSchema.parse({
    councilId,
    title: 'Your support needs',
    pencePerPoint: 4000,
    bands: [
      { fromPoints: 0, label: 'Light support' },
      { fromPoints: 60, label: 'Moderate support' },
      { fromPoints: 140, label: 'Substantial support' },
      { fromPoints: 240, label: 'High support' },
    ],
    questions: [
      question('personal_care', 'How much help do you need with washing, dressing and going to the toilet?', [
        ['none', 'I manage on my own', 0],
        ['some', 'I need some help on some days', 20],
        ['daily', 'I need help every day', 50],
        ['many', 'I need help several times every day and night', 90],
      ]),
      question('meals', 'How much help do you need to eat and drink well?', [
        ['none', 'I manage on my own', 0],
        ['prepare', 'I need help to shop or cook', 10],
        ['assist', 'I need help to eat and drink', 30],
      ]),
      question('getting_out', 'How much help do you need to get out and about?', [
        ['none', 'I go out on my own', 0],
        ['some', 'I need someone with me sometimes', 15],
        ['always', 'I always need someone with me', 35],
      ]),
      question('people', 'How much help do you need to see friends, family and your community?', [
        ['none', 'I see people as much as I want to', 0],
        ['some', 'I would like help to see people more', 10],
        ['lonely', 'I am lonely and cut off most of the time', 25],
      ]),
      question(
        'carer',
        'Does someone look after you without being paid?',
        [
          ['no', 'No', 0],
          ['coping', 'Yes, and they are coping', 5],
          ['breaking', 'Yes, and they need a break', 30],
        ],
        'For example a husband, wife, partner, son, daughter or friend',
      ),
      question('safety', 'How safe do you feel at home?', [
        ['safe', 'I feel safe', 0],
        ['sometimes', 'I sometimes feel unsafe', 15],
        ['often', 'I often feel unsafe or have fallen', 35],
      ]),
    ],
  });
}
