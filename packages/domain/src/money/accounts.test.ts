import { describe, expect, it } from 'vitest';
import { type StatementLine, statementCsv } from './accounts.ts';

const line = (overrides: Partial<StatementLine>): StatementLine => ({
  transferId: 'pay-ord_1',
  at: '2026-06-02T10:00:00.000Z',
  amountPence: 0,
  pendingPence: 0,
  balanceAfterPence: 10_000,
  code: 'order_payment',
  description: 'Gentle group walk (Nidd Valley)',
  reference: 'ord_1',
  ...overrides,
});

const statement = (lines: StatementLine[]) => ({
  personId: 'per_1',
  from: '2026-06-01',
  to: '2026-06-30',
  openingBalancePence: 10_000,
  closingBalancePence: lines.at(-1)?.balanceAfterPence ?? 10_000,
  lines,
});

/** Parses the CSV we write (quoted cells, doubled quotes, CRLF rows) back into cells. */
function cells(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && csv[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('the CSV statement', () => {
  it('never lets a cell a provider or holder wrote start like a spreadsheet formula', () => {
    const dangerous = [
      '=HYPERLINK("http://evil","Click")',
      '+44 1423',
      '-1+2',
      '@SUM(A1)',
      '\tTab',
      '\rReturn',
    ];
    const csv = statementCsv(
      statement(
        dangerous.map((text, i) => line({ transferId: `t${i}`, description: text, reference: text })),
      ),
    );
    const rows = cells(csv).slice(2);
    expect(rows).toHaveLength(dangerous.length);
    for (const [i, text] of dangerous.entries()) {
      const row = rows[i] ?? [];
      // The text is kept, word for word, behind a single quote: shown, never run.
      expect(row[2]).toBe(`'${text}`);
      expect(row[7]).toBe(`'${text}`);
    }
  });

  it('keeps money it writes itself as plain numbers, a release of a reservation included', () => {
    const csv = statementCsv(
      statement([
        line({ code: 'order_reservation', pendingPence: -1_800, balanceAfterPence: 10_000 }),
        line({ code: 'order_release', pendingPence: 1_800, balanceAfterPence: 10_000 }),
      ]),
    );
    const [, , reserved, released] = cells(csv);
    expect(reserved?.[5]).toBe('-18.00');
    expect(released?.[5]).toBe('18.00');
  });

  it('says in words what each line is: a payment says it is a payment', () => {
    const rows = cells(
      statementCsv(
        statement([
          line({ code: 'order_reservation', pendingPence: -1_800 }),
          line({ code: 'order_payment', amountPence: -1_800, pendingPence: 1_800 }),
          line({ code: 'order_release', pendingPence: 1_800 }),
          line({ code: 'group_payment', amountPence: -1_100, pendingPence: 1_500 }),
        ]),
      ),
    );
    expect(rows[0]?.[1]).toBe('What');
    expect(rows.slice(2).map((r) => r[1])).toEqual([
      'Money set aside for a booking',
      'Payment for support',
      'Money set aside, now released',
      'Payment for a group purchase',
    ]);
  });
});
