import type { ReactNode } from 'react';
import { InsetText, WarningText } from './govuk.tsx';

/** "Does it fit the plan?": yes (and what is left), or why it is likely to be refused. */
export function SpendPreview({
  preview,
  refusal,
  children,
}: {
  preview: string[];
  refusal: string;
  children?: ReactNode;
}) {
  return preview.length === 0 ? (
    <InsetText>
      <p className="govuk-body" data-testid="spend-preview">
        Yes.
        {children}
      </p>
    </InsetText>
  ) : (
    <>
      <WarningText>{refusal}</WarningText>
      <ul className="govuk-list govuk-list--bullet" data-testid="spend-preview">
        {preview.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    </>
  );
}
