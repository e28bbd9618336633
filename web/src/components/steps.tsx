import { useEffect, useRef } from 'react';

/**
 * For a form that moves between its own steps without changing the address (question, then
 * check answers), gives the new step's heading focus, as a page change would.
 */
export function useFocusOnStep(step: string): void {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the step changes
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
    window.scrollTo(0, 0);
  }, [step]);
}

/** A list kept in this browser, per signed-in user (for ids the API cannot list yet). */
export function rememberedList(key: string): { get(): string[]; add(value: string): string[] } {
  const read = (): string[] => {
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
    } catch {
      return [];
    }
  };
  return {
    get: read,
    add: (value) => {
      const next = [value, ...read().filter((v) => v !== value)].slice(0, 10);
      localStorage.setItem(key, JSON.stringify(next));
      return next;
    },
  };
}
