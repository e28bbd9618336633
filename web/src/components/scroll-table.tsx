/**
 * A table that may be wider than a phone screen: it scrolls sideways inside its own box, which a
 * keyboard user can reach (Tab) and scroll (arrow keys), and a screen reader announces by the
 * table's caption (axe `scrollable-region-focusable`, WCAG 2.1.1). A named `<section>` is a region.
 */
import { type ReactNode, useId } from 'react';

export function ScrollTable({
  caption,
  captionSize = 's',
  testId,
  children,
}: {
  caption: ReactNode;
  /** `hidden`: for a table whose heading already says what it is (screen readers still hear it). */
  captionSize?: 's' | 'm' | 'l' | 'hidden';
  testId?: string;
  /** The table's `<thead>` and `<tbody>`. */
  children: ReactNode;
}) {
  const captionId = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so a keyboard can scroll it
    <section className="app-table-wrapper" aria-labelledby={captionId} tabIndex={0}>
      <table className="govuk-table" data-testid={testId}>
        <caption
          id={captionId}
          className={
            captionSize === 'hidden'
              ? 'govuk-visually-hidden'
              : `govuk-table__caption govuk-table__caption--${captionSize}`
          }
        >
          {caption}
        </caption>
        {children}
      </table>
    </section>
  );
}
