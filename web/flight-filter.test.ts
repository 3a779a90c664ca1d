import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, filterQuery } from './flight-filter.ts';

describe('filterQuery', () => {
  it('leaves empty fields out and keeps the sort', () => {
    expect(filterQuery(EMPTY_FILTER).toString()).toBe('sort=newest');
  });

  it('turns UTC days into an interval that includes the last day', () => {
    const query = filterQuery({ ...EMPTY_FILTER, fromDate: '2030-06-01', toDate: '2030-06-30', hasViolations: 'true', booked: 'false' });
    expect(Object.fromEntries(query)).toEqual({
      from: '2030-06-01T00:00:00.000Z', to: '2030-07-01T00:00:00.000Z', hasViolations: 'true', booked: 'false', sort: 'newest',
    });
    expect([...query.keys()]).toEqual(['from', 'to', 'hasViolations', 'booked', 'sort']);
  });

  it('gives the CSV every filter but no sort, and the statistics only the fields they group by', () => {
    const filter = { ...EMPTY_FILTER, corridorId: 'c', aircraftId: 'a', hasViolations: 'true', sort: 'longest' } as const;
    expect(filterQuery(filter, 'csv').toString()).toBe('corridorId=c&aircraftId=a&hasViolations=true');
    expect(filterQuery(filter, 'statistics').toString()).toBe('corridorId=c');
  });

  it('names a malformed date', () => {
    expect(() => filterQuery({ ...EMPTY_FILTER, fromDate: '1 June' })).toThrow(/'YYYY-MM-DD'.*'1 June'/);
  });
});
