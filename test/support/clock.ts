import type { Clock } from '@carepool/domain';

/** Real time plus an offset the test can move forward: time passes without sleeping. */
export function shiftableClock(): Clock & { advance(ms: number): void } {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance: (ms) => {
      offsetMs += ms;
    },
  };
}
