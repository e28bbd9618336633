import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { issuesFromError } from './problems.ts';

const invalid = (errors: Array<{ field: string; message: string }>) =>
  new ApiError({
    type: 'about:blank#validation_failed',
    title: 'Invalid request',
    status: 400,
    detail: 'The request has problems',
    code: 'validation_failed',
    errors,
  });

describe('issuesFromError', () => {
  it('shows every field a 400 names, each linked to its field', () => {
    const issues = issuesFromError(
      invalid([
        { field: 'title', message: 'Enter a title' },
        { field: 'pricePence', message: 'Enter the price' },
        { field: 'where.postcode', message: 'Enter a real postcode' },
      ]),
      { fields: { title: 'title', pricePence: 'price', 'where.postcode': 'venuePostcode' } },
    );
    expect(issues).toEqual([
      { fieldId: 'title', message: 'Enter a title' },
      { fieldId: 'price', message: 'Enter the price' },
      { fieldId: 'venuePostcode', message: 'Enter a real postcode' },
    ]);
  });

  it('keeps the same words on two different fields: each field needs its own link', () => {
    const issues = issuesFromError(
      invalid([
        { field: 'name', message: 'Required' },
        { field: 'email', message: 'Required' },
      ]),
    );
    expect(issues).toEqual([
      { fieldId: 'name', message: 'Required' },
      { fieldId: 'email', message: 'Required' },
    ]);
  });

  it('says the same thing about one field once', () => {
    const issues = issuesFromError(
      invalid([
        { field: 'lines.0.capPence', message: 'Too small' },
        { field: 'lines.0.capPence', message: 'Too small' },
      ]),
      { fields: () => 'cap' },
    );
    expect(issues).toEqual([{ fieldId: 'cap', message: 'Too small' }]);
  });
});
