/** Shared by the evaluator tests: the assessment of one zone compiled on its own. */
import { compileZones } from '../compile-zones.ts';
import type { CompileZonesOptions } from '../compile-zones.ts';
import type { PositionSample, ZoneAssessment } from '../position-assessment.ts';
import type { Zone } from '../zone.ts';

/** Compile `zone` alone and assess `sample` against it. */
export function assessOne(zone: Zone, sample: PositionSample, options: CompileZonesOptions = {}): ZoneAssessment {
  const [assessment] = compileZones([zone], options).evaluate(sample).zones;
  if (!assessment) throw new Error('assessOne: the evaluator returned no assessment');
  return assessment;
}
