/**
 * React versions of the GOV.UK Design System components Carepool uses, with the same markup and
 * class names as govuk-frontend's templates so its CSS applies unchanged.
 */
import {
  type ChangeEvent,
  type InputHTMLAttributes,
  type MouseEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
} from 'react';
import { Link, type To } from 'react-router';
import type { SummaryIssue } from '../lib/problems.ts';

const cx = (...names: Array<string | false | undefined | null>) => names.filter(Boolean).join(' ');

/** Moves focus to an element by id and scrolls its label into view, as govuk-frontend does. */
export function focusField(id: string): void {
  const element = document.getElementById(id);
  if (!element) return;
  const target =
    element instanceof HTMLInputElement ||
    element instanceof HTMLSelectElement ||
    element instanceof HTMLTextAreaElement ||
    element instanceof HTMLButtonElement
      ? element
      : (element.querySelector<HTMLElement>('input, select, textarea, button') ?? element);
  const legendOrLabel =
    target.closest('fieldset')?.querySelector('legend') ??
    document.querySelector(`label[for="${CSS.escape(target.id)}"]`) ??
    target;
  legendOrLabel.scrollIntoView();
  target.focus({ preventScroll: true });
}

export function ErrorSummary({
  issues,
  title = 'There is a problem',
}: {
  issues: SummaryIssue[];
  title?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const key = issues.map((i) => i.message).join('|');
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (issues.length === 0) return null;
  const onClick = (id: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    focusField(id);
  };
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {issues.map((issue) => (
              <li key={`${issue.fieldId ?? ''}${issue.message}`}>
                {issue.fieldId ? (
                  <a href={`#${issue.fieldId}`} onClick={onClick(issue.fieldId)}>
                    {issue.message}
                  </a>
                ) : (
                  issue.message
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export function errorFor(issues: SummaryIssue[], id: string): string | undefined {
  return issues.find((issue) => issue.fieldId === id)?.message;
}

function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {children}
    </p>
  );
}

function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={id} className="govuk-hint">
      {children}
    </div>
  );
}

interface FieldBase {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Show the label as the page heading (one question per page). */
  isPageHeading?: boolean;
  labelSize?: 'l' | 'm' | 's';
}

function FieldLabel({ id, label, isPageHeading, labelSize }: FieldBase) {
  const size = labelSize ?? (isPageHeading ? 'l' : undefined);
  const labelElement = (
    <label className={cx('govuk-label', size && `govuk-label--${size}`)} htmlFor={id}>
      {label}
    </label>
  );
  return isPageHeading ? <h1 className="govuk-label-wrapper">{labelElement}</h1> : labelElement;
}

const describedBy = (id: string, hint: unknown, error: unknown, extra?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : '', extra ?? ''].filter(Boolean).join(' ') || undefined;

export function TextInput(
  props: FieldBase & {
    value: string;
    onChange(value: string): void;
    width?: 2 | 3 | 4 | 5 | 10 | 20 | 30 | 'full' | 'three-quarters' | 'two-thirds' | 'one-half';
    prefix?: string;
    suffix?: string;
    inputMode?: InputHTMLAttributes<HTMLInputElement>['inputMode'];
    autoComplete?: string;
    type?: 'text' | 'email' | 'tel' | 'search' | 'url';
    spellCheck?: boolean;
    name?: string;
  },
) {
  const { id, hint, error, value, onChange, width, prefix, suffix } = props;
  const widthClass =
    width === undefined
      ? undefined
      : typeof width === 'number'
        ? `govuk-input--width-${width}`
        : `govuk-!-width-${width}`;
  const input = (
    <input
      className={cx('govuk-input', widthClass, error && 'govuk-input--error')}
      id={id}
      name={props.name ?? id}
      type={props.type ?? 'text'}
      value={value}
      inputMode={props.inputMode}
      autoComplete={props.autoComplete}
      spellCheck={props.spellCheck}
      aria-describedby={describedBy(id, hint, error)}
      onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
    />
  );
  return (
    <div className={cx('govuk-form-group', error && 'govuk-form-group--error')}>
      <FieldLabel {...props} />
      {hint && <Hint id={`${id}-hint`}>{hint}</Hint>}
      {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
      {prefix || suffix ? (
        <div className="govuk-input__wrapper">
          {prefix && (
            <div className="govuk-input__prefix" aria-hidden="true">
              {prefix}
            </div>
          )}
          {input}
          {suffix && (
            <div className="govuk-input__suffix" aria-hidden="true">
              {suffix}
            </div>
          )}
        </div>
      ) : (
        input
      )}
    </div>
  );
}

export function Textarea(
  props: FieldBase & { value: string; onChange(value: string): void; rows?: number; name?: string },
) {
  const { id, hint, error, value, onChange } = props;
  return (
    <div className={cx('govuk-form-group', error && 'govuk-form-group--error')}>
      <FieldLabel {...props} />
      {hint && <Hint id={`${id}-hint`}>{hint}</Hint>}
      {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
      <textarea
        className={cx('govuk-textarea', error && 'govuk-textarea--error')}
        id={id}
        name={props.name ?? id}
        rows={props.rows ?? 5}
        value={value}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

export interface Option {
  value: string;
  text: ReactNode;
  hint?: ReactNode;
  /** Shown under the option when it is chosen (GOV.UK conditional reveal). */
  conditional?: ReactNode;
}

export function Select(
  props: FieldBase & { value: string; onChange(value: string): void; options: Option[]; name?: string },
) {
  const { id, hint, error, value, onChange, options } = props;
  return (
    <div className={cx('govuk-form-group', error && 'govuk-form-group--error')}>
      <FieldLabel {...props} />
      {hint && <Hint id={`${id}-hint`}>{hint}</Hint>}
      {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
      <select
        className={cx('govuk-select', error && 'govuk-select--error')}
        id={id}
        name={props.name ?? id}
        value={value}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.text}
          </option>
        ))}
      </select>
    </div>
  );
}

interface FieldsetProps {
  legend: ReactNode;
  isPageHeading?: boolean;
  legendSize?: 'l' | 'm' | 's';
  hint?: ReactNode;
  error?: string | undefined;
  /** Id of the group, for the error summary to link to. */
  id: string;
  children: ReactNode;
  role?: 'group';
}

export function Fieldset({
  legend,
  isPageHeading,
  legendSize,
  hint,
  error,
  id,
  children,
  role,
}: FieldsetProps) {
  const size = legendSize ?? (isPageHeading ? 'l' : 'm');
  return (
    <div className={cx('govuk-form-group', error && 'govuk-form-group--error')}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)} role={role}>
        <legend className={cx('govuk-fieldset__legend', `govuk-fieldset__legend--${size}`)}>
          {isPageHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
        {hint && <Hint id={`${id}-hint`}>{hint}</Hint>}
        {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
        {children}
      </fieldset>
    </div>
  );
}

export function Radios(
  props: Omit<FieldsetProps, 'children'> & {
    name: string;
    value: string;
    onChange(value: string): void;
    options: Option[];
    inline?: boolean;
    small?: boolean;
  },
) {
  const { id, name, value, onChange, options, inline, small, error } = props;
  return (
    <Fieldset {...props}>
      <div className={cx('govuk-radios', inline && 'govuk-radios--inline', small && 'govuk-radios--small')}>
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${index + 1}`;
          return (
            <RadioOption
              key={option.value}
              option={option}
              id={optionId}
              name={name}
              checked={value === option.value}
              onChange={onChange}
              invalid={Boolean(error)}
            />
          );
        })}
      </div>
    </Fieldset>
  );
}

function RadioOption({
  option,
  id,
  name,
  checked,
  onChange,
  invalid,
}: {
  option: Option;
  id: string;
  name: string;
  checked: boolean;
  onChange(value: string): void;
  invalid: boolean;
}) {
  return (
    <>
      <div className="govuk-radios__item">
        <input
          className="govuk-radios__input"
          id={id}
          name={name}
          type="radio"
          value={option.value}
          checked={checked}
          aria-invalid={invalid || undefined}
          aria-describedby={option.hint ? `${id}-item-hint` : undefined}
          onChange={() => onChange(option.value)}
        />
        <label className="govuk-label govuk-radios__label" htmlFor={id}>
          {option.text}
        </label>
        {option.hint && (
          <div id={`${id}-item-hint`} className="govuk-hint govuk-radios__hint">
            {option.hint}
          </div>
        )}
      </div>
      {option.conditional && checked && <div className="govuk-radios__conditional">{option.conditional}</div>}
    </>
  );
}

export function Checkboxes(
  props: Omit<FieldsetProps, 'children'> & {
    name: string;
    values: string[];
    onChange(values: string[]): void;
    options: Option[];
    small?: boolean;
  },
) {
  const { id, name, values, onChange, options, small } = props;
  const toggle = (value: string, on: boolean) =>
    onChange(on ? [...values, value] : values.filter((v) => v !== value));
  return (
    <Fieldset {...props}>
      <div className={cx('govuk-checkboxes', small && 'govuk-checkboxes--small')}>
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${index + 1}`;
          return (
            <div className="govuk-checkboxes__item" key={option.value}>
              <input
                className="govuk-checkboxes__input"
                id={optionId}
                name={name}
                type="checkbox"
                value={option.value}
                checked={values.includes(option.value)}
                aria-describedby={option.hint ? `${optionId}-item-hint` : undefined}
                onChange={(event) => toggle(option.value, event.target.checked)}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={optionId}>
                {option.text}
              </label>
              {option.hint && (
                <div id={`${optionId}-item-hint`} className="govuk-hint govuk-checkboxes__hint">
                  {option.hint}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

/** One checkbox on its own (for "yes, I understand" or a single filter). */
export function Checkbox({
  id,
  label,
  hint,
  checked,
  onChange,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
}) {
  return (
    <div className="govuk-form-group">
      <div className="govuk-checkboxes govuk-checkboxes--small">
        <div className="govuk-checkboxes__item">
          <input
            className="govuk-checkboxes__input"
            id={id}
            name={id}
            type="checkbox"
            checked={checked}
            aria-describedby={hint ? `${id}-item-hint` : undefined}
            onChange={(event) => onChange(event.target.checked)}
          />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
            {label}
          </label>
          {hint && (
            <div id={`${id}-item-hint`} className="govuk-hint govuk-checkboxes__hint">
              {hint}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

export function DateInput({
  id,
  legend,
  hint,
  error,
  errorPart,
  value,
  onChange,
  isPageHeading,
  legendSize,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  errorPart?: 'day' | 'month' | 'year' | 'all' | undefined;
  value: { day: string; month: string; year: string };
  onChange(value: { day: string; month: string; year: string }): void;
  isPageHeading?: boolean;
  legendSize?: 'l' | 'm' | 's';
}) {
  const part = (name: 'day' | 'month' | 'year', label: string, width: 2 | 4) => {
    const partId = name === 'day' ? id : `${id}-${name}`;
    const invalid = error && (errorPart === undefined || errorPart === 'all' || errorPart === name);
    return (
      <div className="govuk-date-input__item" key={name}>
        <div className="govuk-form-group">
          <label className="govuk-label govuk-date-input__label" htmlFor={partId}>
            {label}
          </label>
          <input
            className={cx(
              'govuk-input govuk-date-input__input',
              `govuk-input--width-${width}`,
              invalid && 'govuk-input--error',
            )}
            id={partId}
            name={partId}
            type="text"
            inputMode="numeric"
            value={value[name]}
            onChange={(event) => onChange({ ...value, [name]: event.target.value })}
          />
        </div>
      </div>
    );
  };
  return (
    <Fieldset
      id={`${id}-fieldset`}
      legend={legend}
      hint={hint}
      error={error}
      isPageHeading={isPageHeading}
      legendSize={legendSize ?? 's'}
      role="group"
    >
      <div className="govuk-date-input" id={`${id}-group`}>
        {part('day', 'Day', 2)}
        {part('month', 'Month', 2)}
        {part('year', 'Year', 4)}
      </div>
    </Fieldset>
  );
}

export function Button({
  children,
  variant,
  type = 'submit',
  onClick,
  disabled,
  name,
  start,
}: {
  children: ReactNode;
  variant?: 'secondary' | 'warning' | 'inverse';
  type?: 'submit' | 'button';
  onClick?: () => void;
  disabled?: boolean;
  name?: string;
  /** A start button: the first step of a journey, with the arrow. */
  start?: boolean;
}) {
  return (
    <button
      type={type}
      className={cx('govuk-button', variant && `govuk-button--${variant}`, start && 'govuk-button--start')}
      data-module="govuk-button"
      onClick={onClick}
      disabled={disabled}
      aria-disabled={disabled || undefined}
      name={name}
    >
      {children}
      {start && <StartIcon />}
    </button>
  );
}

function StartIcon() {
  return (
    <svg
      className="govuk-button__start-icon"
      xmlns="http://www.w3.org/2000/svg"
      width="17.5"
      height="19"
      viewBox="0 0 33 40"
      aria-hidden="true"
      focusable="false"
    >
      <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
    </svg>
  );
}

export function ButtonLink({
  to,
  children,
  variant,
  start,
}: {
  to: To;
  children: ReactNode;
  variant?: 'secondary' | 'warning';
  start?: boolean;
}) {
  return (
    <Link
      to={to}
      role="button"
      draggable={false}
      className={cx('govuk-button', variant && `govuk-button--${variant}`, start && 'govuk-button--start')}
      data-module="govuk-button"
    >
      {children}
      {start && <StartIcon />}
    </Link>
  );
}

export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="govuk-button-group">{children}</div>;
}

export function BackLink({ to, children = 'Back' }: { to: To; children?: ReactNode }) {
  return (
    <Link to={to} className="govuk-back-link">
      {children}
    </Link>
  );
}

export function Panel({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="govuk-panel govuk-panel--confirmation">
      <h1 className="govuk-panel__title">{title}</h1>
      {children && <div className="govuk-panel__body">{children}</div>}
    </div>
  );
}

export function Tag({ colour, children }: { colour?: string | undefined; children: ReactNode }) {
  return <strong className={cx('govuk-tag', colour && `govuk-tag--${colour}`)}>{children}</strong>;
}

export function InsetText({ children }: { children: ReactNode }) {
  return <div className="govuk-inset-text">{children}</div>;
}

export function WarningText({ children }: { children: ReactNode }) {
  return (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {children}
      </strong>
    </div>
  );
}

export function NotificationBanner({
  title,
  children,
  success,
}: {
  title?: string;
  children: ReactNode;
  success?: boolean;
}) {
  const id = useId();
  const content = (
    <>
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={`${id}-title`}>
          {title ?? (success ? 'Success' : 'Important')}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">{children}</div>
    </>
  );
  return success ? (
    <div
      className="govuk-notification-banner govuk-notification-banner--success"
      role="alert"
      aria-labelledby={`${id}-title`}
    >
      {content}
    </div>
  ) : (
    <section className="govuk-notification-banner" aria-labelledby={`${id}-title`}>
      {content}
    </section>
  );
}

export function Details({ summary, children }: { summary: ReactNode; children: ReactNode }) {
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text">{children}</div>
    </details>
  );
}

export interface SummaryRow {
  key: ReactNode;
  value: ReactNode;
  action?: { to: To; text: string; hidden: string } | undefined;
}

export function SummaryList({
  rows,
  noBorder,
}: {
  rows: Array<SummaryRow | false | '' | null | undefined>;
  noBorder?: boolean;
}) {
  const shown = rows.filter((row): row is SummaryRow => Boolean(row));
  const anyAction = shown.some((row) => row.action);
  return (
    <dl className={cx('govuk-summary-list', noBorder && 'govuk-summary-list--no-border')}>
      {shown.map((row, index) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are fixed for a render
          key={index}
          className={cx(
            'govuk-summary-list__row',
            anyAction && !row.action && 'govuk-summary-list__row--no-actions',
          )}
        >
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
          {row.action && (
            <dd className="govuk-summary-list__actions">
              <Link className="govuk-link" to={row.action.to}>
                {row.action.text}
                <span className="govuk-visually-hidden"> {row.action.hidden}</span>
              </Link>
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}

export function SummaryCard({
  title,
  actions,
  children,
}: {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title">{title}</h2>
        {actions && <div className="govuk-summary-card__actions">{actions}</div>}
      </div>
      <div className="govuk-summary-card__content">{children}</div>
    </div>
  );
}

/** Shown while something loads: announced politely to screen readers. */
export function Loading({ children = 'Loading…' }: { children?: ReactNode }) {
  return (
    <p className="app-loading govuk-body" role="status">
      {children}
    </p>
  );
}

export function Pagination({ previous, next }: { previous?: To | undefined; next?: To | undefined }) {
  if (!previous && !next) return null;
  return (
    <nav className="govuk-pagination govuk-pagination--block" aria-label="Results pages">
      {previous && (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={previous} rel="prev">
            <svg
              className="govuk-pagination__icon govuk-pagination__icon--prev"
              xmlns="http://www.w3.org/2000/svg"
              height="13"
              width="15"
              aria-hidden="true"
              focusable="false"
              viewBox="0 0 15 13"
            >
              <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z" />
            </svg>
            <span className="govuk-pagination__link-title">First page</span>
          </Link>
        </div>
      )}
      {next && (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={next} rel="next">
            <svg
              className="govuk-pagination__icon govuk-pagination__icon--next"
              xmlns="http://www.w3.org/2000/svg"
              height="13"
              width="15"
              aria-hidden="true"
              focusable="false"
              viewBox="0 0 15 13"
            >
              <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z" />
            </svg>
            <span className="govuk-pagination__link-title">Next page</span>
          </Link>
        </div>
      )}
    </nav>
  );
}
