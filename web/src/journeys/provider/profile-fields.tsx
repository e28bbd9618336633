/**
 * The questions about a provider that registering and "Change your profile" both ask (how many
 * work there, where they work, how people get in touch) and reading them, in the same words.
 */
import type { Bound } from '../../components/bind-field.ts';
import { Fieldset, TextInput } from '../../components/govuk.tsx';
import type { SummaryIssue } from '../../lib/problems.ts';
import { kmPerMile } from '../../lib/search.ts';

type Text = Bound<string>;

/**
 * The number of workers, by kind. A council counts a micro-enterprise by its size (1 to 8
 * workers: the definition its support for small local providers rests on), so it is asked for
 * and required; an organisation or a local business may give it; a personal assistant is one
 * person, and a broker's size says nothing, so neither is asked.
 */
export function workersQuestion(
  kind: string,
): { label: string; hint: string; required: boolean; missing: string } | undefined {
  if (kind === 'micro_enterprise')
    return {
      label: 'How many people work in your business, including you?',
      hint: 'A micro-enterprise has 1 to 8 workers.',
      required: true,
      missing: 'Enter how many people work in your business, including you, like 3',
    };
  if (kind === 'organisation' || kind === 'mainstream_business')
    return {
      label: 'How many people work for you? (optional)',
      hint: 'Councils use this to see the local market.',
      required: false,
      missing: '',
    };
  return undefined;
}

/** "How many people work…", for the kinds of provider that are asked. */
export function WorkersField({ kind, field }: { kind: string; field: Text }) {
  const question = workersQuestion(kind);
  if (!question) return null;
  return (
    <TextInput
      {...field}
      label={question.label}
      labelSize="s"
      hint={question.hint}
      inputMode="numeric"
      width={3}
    />
  );
}

/** The number of workers, or undefined when not asked or left empty; problems go to `found`. */
export function readWorkers(found: SummaryIssue[], kind: string, text: string): number | undefined {
  const question = workersQuestion(kind);
  const count = question && text.trim() ? Number(text) : undefined;
  if (question?.required && count === undefined)
    found.push({ fieldId: 'workers', message: question.missing });
  if (count !== undefined && !Number.isInteger(count))
    found.push({ fieldId: 'workers', message: 'Enter the number of people who work for you, like 3' });
  else if (kind === 'micro_enterprise' && count !== undefined && (count < 1 || count > 8))
    found.push({
      fieldId: 'workers',
      message:
        'A micro-enterprise has 1 to 8 workers: with more, choose a care organisation or a local business',
    });
  return count;
}

export function AreaFields({ postcode, radius }: { postcode: Text; radius: Text }) {
  return (
    <Fieldset id="area" legend="Where you work" legendSize="m">
      <TextInput {...postcode} label="Your postcode" width={10} />
      <TextInput {...radius} label="How far you travel" suffix="miles" inputMode="decimal" width={4} />
    </Fieldset>
  );
}

/** The service area as the API wants it (kilometres); problems go to `found`. */
export function readServiceArea(
  found: SummaryIssue[],
  postcode: string,
  radius: string,
): { postcode: string; radiusKm: number } {
  if (!postcode.trim()) found.push({ fieldId: 'postcode', message: 'Enter your postcode' });
  const radiusMiles = Number(radius);
  if (!Number.isFinite(radiusMiles) || radiusMiles <= 0)
    found.push({ fieldId: 'radius', message: 'Enter how far you travel, in miles' });
  return {
    postcode: postcode.trim().toUpperCase(),
    radiusKm: Math.round(radiusMiles * kmPerMile * 10) / 10,
  };
}

export function ProviderContactFields({
  email,
  phone,
  website,
}: {
  email: Text;
  phone: Text;
  website?: Text;
}) {
  return (
    <Fieldset id="contact" legend="How people contact you" legendSize="m">
      <TextInput {...email} label="Email address" type="email" autoComplete="email" spellCheck={false} />
      <TextInput {...phone} label="Phone number (optional)" type="tel" autoComplete="tel" width={20} />
      {website && <TextInput {...website} label="Website (optional)" type="url" spellCheck={false} />}
    </Fieldset>
  );
}
