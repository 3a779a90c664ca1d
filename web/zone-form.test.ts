import { describe, expect, it } from 'vitest';
import type { ZoneVersionView } from '../server/contracts/index.ts';
import type { ZoneFields } from './zone-api.ts';
import { changesFrom } from './zone-form.ts';

const FIELDS: ZoneFields = {
  name: 'Town', kind: 'exclusion', restriction: 'prohibited', altitudeMinM: 0, altitudeMaxM: 150, altitudeReference: 'AGL',
  marginM: 50, windowStartMs: Date.UTC(2030, 5, 14, 6, 0, 30), windowEndMs: null, isApproximate: false, note: null,
};
const STORED = { ...FIELDS, id: 'v1', lineageId: 'v1', version: 1 } as ZoneVersionView;

describe('changesFrom', () => {
  it('keeps only the fields that differ, small numbers included', () => {
    expect(changesFrom({ ...FIELDS, altitudeMaxM: 90 }, STORED)).toEqual({ altitudeMaxM: 90 });
    expect(changesFrom({ ...FIELDS, marginM: 0, note: 'moved' }, STORED)).toEqual({ marginM: 0, note: 'moved' });
    expect(changesFrom(FIELDS, STORED)).toEqual({});
  });

  it('reads a window end shown in whole minutes and left alone as unchanged, but a cleared one as a change', () => {
    expect(changesFrom({ ...FIELDS, windowStartMs: Date.UTC(2030, 5, 14, 6, 0) }, STORED)).toEqual({});
    expect(changesFrom({ ...FIELDS, windowStartMs: null }, STORED)).toEqual({ windowStartMs: null });
  });
});
