import { AnswerLines } from '../../components/check-answers.tsx';
import { SummaryList } from '../../components/govuk.tsx';
import { formatDate } from '../../lib/dates.ts';
import { type Quote, quotePrices } from './request-words.ts';

/** A quote's prices, when and terms. */
export function QuoteRows({ quote }: { quote: Quote }) {
  return (
    <SummaryList
      rows={[
        { key: 'Price', value: <AnswerLines items={quotePrices(quote)} /> },
        { key: 'When', value: quote.when },
        quote.terms && { key: 'Terms', value: quote.terms },
        { key: 'Sent', value: formatDate(quote.createdAt) },
      ]}
    />
  );
}
