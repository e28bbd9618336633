import * as z from 'zod';
import { invalid } from '../errors.ts';
import { Id, IsoDateTime, ShortText, WholePence } from '../values.ts';

/** A council's self-assessment: points per answer, a rate per point, and bands to explain the result. */
export const Questionnaire = z.object({
  councilId: Id,
  title: z.string(),
  questions: z.array(
    z.object({
      questionId: Id,
      text: z.string(),
      hint: z.string().optional(),
      answers: z.array(z.object({ answerId: Id, text: z.string(), points: z.number().int().min(0) })).min(1),
    }),
  ),
  pencePerPoint: WholePence,
  bands: z.array(z.object({ fromPoints: z.number().int().min(0), label: z.string() })).min(1),
});
export type Questionnaire = z.infer<typeof Questionnaire>;

export const SelfAssessmentAnswers = z.object({
  /** The first question of every assessment, in the person's own words. */
  whatMatters: ShortText(2000),
  answers: z.record(Id, Id),
});
export type SelfAssessmentAnswers = z.infer<typeof SelfAssessmentAnswers>;

export const SelfAssessmentRecord = z.object({
  assessmentId: Id,
  personId: Id,
  councilId: Id,
  whatMatters: z.string(),
  workings: z.array(
    z.object({ questionId: Id, question: z.string(), answer: z.string(), points: z.number().int() }),
  ),
  totalPoints: z.number().int(),
  pencePerPoint: z.number().int(),
  indicativePence: z.number().int(),
  band: z.string(),
  status: z.enum(['awaiting_confirmation', 'confirmed']),
  confirmedPence: z.number().int().optional(),
  confirmReason: z.string().optional(),
  confirmedBy: Id.optional(),
  submittedBy: Id,
  createdAt: IsoDateTime,
  version: z.number().int().min(1),
});
export type SelfAssessmentRecord = z.infer<typeof SelfAssessmentRecord>;

/**
 * Scores the answers: every question must be answered with one of its answers. The result shows its
 * workings (each answer's points, the rate) so a person can see how the figure was reached.
 */
export function scoreSelfAssessment(questionnaire: Questionnaire, input: SelfAssessmentAnswers) {
  const workings = questionnaire.questions.map((question) => {
    const answerId = input.answers[question.questionId];
    if (answerId === undefined)
      throw invalid(`answers.${question.questionId}`, `Answer: ${question.text}`, 'unanswered');
    const answer = question.answers.find((a) => a.answerId === answerId);
    if (!answer) {
      throw invalid(
        `answers.${question.questionId}`,
        `Choose one of: ${question.answers.map((a) => a.answerId).join(', ')}`,
        'unknown_answer',
      );
    }
    return {
      questionId: question.questionId,
      question: question.text,
      answer: answer.text,
      points: answer.points,
    };
  });
  const unknown = Object.keys(input.answers).find(
    (id) => !questionnaire.questions.some((q) => q.questionId === id),
  );
  if (unknown)
    throw invalid(`answers.${unknown}`, 'There is no such question: remove it', 'unknown_question');
  const totalPoints = workings.reduce((sum, w) => sum + w.points, 0);
  const band = [...questionnaire.bands]
    .sort((a, b) => b.fromPoints - a.fromPoints)
    .find((b) => totalPoints >= b.fromPoints);
  return {
    workings,
    totalPoints,
    pencePerPoint: questionnaire.pencePerPoint,
    indicativePence: totalPoints * questionnaire.pencePerPoint,
    band: band?.label ?? questionnaire.bands[0]?.label ?? '',
  };
}
