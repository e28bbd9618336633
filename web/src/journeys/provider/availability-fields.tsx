import type { Weekday } from '@carepool/domain';
import { Checkbox, errorFor, Fieldset, TextInput } from '../../components/govuk.tsx';
import { parseClock } from '../../lib/dates.ts';
import { weekdays } from '../../lib/labels.ts';
import type { SummaryIssue } from '../../lib/problems.ts';

export const weekdayOrder: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The days ticked and the times typed for each, as text until they are checked. */
export type AvailabilityForm = Partial<Record<Weekday, { from: string; to: string }>>;

export function availabilityFormOf(
  slots: Array<{ day: Weekday; from: string; to: string }>,
): AvailabilityForm {
  const form: AvailabilityForm = {};
  // One set of times a day on this form: the first the listing has for that day.
  for (const slot of slots) form[slot.day] ??= { from: slot.from, to: slot.to };
  return form;
}

/** Checks the times typed and turns them into the API's slots, in weekday order. */
export function readAvailability(
  form: AvailabilityForm,
  found: SummaryIssue[],
): Array<{ day: Weekday; from: string; to: string }> {
  const slots: Array<{ day: Weekday; from: string; to: string }> = [];
  for (const day of weekdayOrder) {
    const times = form[day];
    if (!times) continue;
    const from = parseClock(times.from);
    const to = parseClock(times.to);
    if (!from.ok)
      found.push({ fieldId: `day-${day}-from`, message: `${weekdays[day]}: ${from.message.toLowerCase()}` });
    if (!to.ok)
      found.push({ fieldId: `day-${day}-to`, message: `${weekdays[day]}: ${to.message.toLowerCase()}` });
    if (from.ok && to.ok && to.time <= from.time)
      found.push({
        fieldId: `day-${day}-to`,
        message: `${weekdays[day]}: the end time must be after the start time`,
      });
    slots.push({ day, from: from.ok ? from.time : times.from, to: to.ok ? to.time : times.to });
  }
  return slots;
}

/** Which days and times a listing is offered: one tick a day, with the times shown once ticked. */
export function AvailabilityFields({
  value,
  onChange,
  issues,
}: {
  value: AvailabilityForm;
  onChange(value: AvailabilityForm): void;
  issues: SummaryIssue[];
}) {
  const set = (day: Weekday, times: { from: string; to: string } | undefined) => {
    const next = { ...value };
    if (times) next[day] = times;
    else delete next[day];
    onChange(next);
  };
  return (
    <Fieldset
      id="availability"
      legend="When do you offer it?"
      legendSize="m"
      hint="Tick the days, then give the times, like 10am and 12pm. Leave them all unticked if people should ask you."
    >
      {weekdayOrder.map((day) => {
        const times = value[day];
        return (
          <div key={day}>
            <Checkbox
              id={`day-${day}`}
              label={weekdays[day]}
              checked={times !== undefined}
              onChange={(on) => set(day, on ? { from: '', to: '' } : undefined)}
            />
            {times && (
              <div className="govuk-inset-text govuk-!-margin-top-0">
                <TextInput
                  id={`day-${day}-from`}
                  label={
                    <>
                      From<span className="govuk-visually-hidden"> on {weekdays[day]}</span>
                    </>
                  }
                  width={5}
                  value={times.from}
                  onChange={(from) => set(day, { ...times, from })}
                  error={errorFor(issues, `day-${day}-from`)}
                />
                <TextInput
                  id={`day-${day}-to`}
                  label={
                    <>
                      To<span className="govuk-visually-hidden"> on {weekdays[day]}</span>
                    </>
                  }
                  width={5}
                  value={times.to}
                  onChange={(to) => set(day, { ...times, to })}
                  error={errorFor(issues, `day-${day}-to`)}
                />
              </div>
            )}
          </div>
        );
      })}
    </Fieldset>
  );
}
