/**
 * Idempotent seeding: the shipped corridors always; the demo organisations and aircraft
 * when asked. Geometry is built by PostGIS itself (geodesic buffers in metres).
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { corridorSeeds, type SeedArea } from './corridor-seeds.ts';

/** SQL (with bindings) for a seed area as a MultiPolygon in EPSG:4326. */
function areaSql(knex: Knex, area: SeedArea): Knex.Raw {
  switch (area.type) {
    case 'circle':
      return knex.raw(
        `ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?, 'quad_segs=16')::geometry)`,
        [area.center[0], area.center[1], area.radiusM],
      );
    case 'route':
      return knex.raw(`ST_Multi(ST_Buffer(ST_GeomFromGeoJSON(?)::geography, ?, 'quad_segs=8')::geometry)`, [
        JSON.stringify({ type: 'LineString', coordinates: area.route, crs: { type: 'name', properties: { name: 'EPSG:4326' } } }),
        area.halfWidthM,
      ]);
    case 'box':
      return knex.raw('ST_Multi(ST_MakeEnvelope(?, ?, ?, ?, 4326))', [area.west, area.south, area.east, area.north]);
  }
}

function circleCenterSql(knex: Knex, area: SeedArea): Knex.Raw | null {
  return area.type === 'circle' ? knex.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', [area.center[0], area.center[1]]) : null;
}

/** Insert the shipped corridors and their zones unless a corridor with the slug exists. */
export async function seedCorridors(knex: Knex): Promise<void> {
  for (const seed of corridorSeeds) {
    await knex.transaction(async (trx) => {
      const existing = await trx('corridors').where({ slug: seed.slug }).first('id');
      if (existing) return;
      const [corridor] = await trx('corridors')
        .insert({
          slug: seed.slug,
          name: seed.name,
          country: seed.country,
          timezone: seed.timezone,
          ceiling_m: seed.ceilingM,
          ceiling_reference: seed.ceilingReference,
          boundary: areaSql(trx, seed.area),
          is_approximate: true,
          note: seed.note,
          daylight_only: seed.daylightOnly,
        })
        .returning('id');
      const boundaryZone = {
        name: `${seed.name}: boundary and ceiling`,
        kind: 'inclusion' as const,
        restriction: 'conditional' as const,
        area: seed.area,
        altitudeMinM: 0,
        altitudeMaxM: seed.ceilingM,
        altitudeReference: seed.ceilingReference,
        marginM: seed.boundaryMarginM,
        note: 'The corridor itself: fly inside it and below its ceiling.',
      };
      for (const zone of [boundaryZone, ...seed.zones]) {
        await trx('zones').insert({
          corridor_id: corridor.id,
          name: zone.name,
          kind: zone.kind,
          restriction: zone.restriction,
          geometry: areaSql(trx, zone.area),
          circle_center: circleCenterSql(trx, zone.area),
          circle_radius_m: zone.area.type === 'circle' ? zone.area.radiusM : null,
          altitude_min_m: zone.altitudeMinM,
          altitude_max_m: zone.altitudeMaxM,
          altitude_reference: zone.altitudeReference,
          margin_m: zone.marginM,
          is_approximate: true,
          note: zone.note,
        });
      }
    });
  }
}

/** The demo partners and their aircraft, matching the simulator's demo fleet by system id. */
export const demoFleetSeed = [
  {
    organisation: 'Kasungu Health Drones (demo)',
    corridorSlug: 'malawi-kasungu',
    aircraft: [
      { systemId: 11, callsign: 'KAS-1', model: 'Quadcopter (simulated)', serialNumber: 'SIM-KAS-0011' },
      { systemId: 12, callsign: 'KAS-2', model: 'Quadcopter (simulated)', serialNumber: 'SIM-KAS-0012' },
      // Signs its MAVLink 2 packets; the simulator's 'unsigned-from-signed' scenario flies it.
      { systemId: 13, callsign: 'KAS-3', model: 'Quadcopter (simulated)', serialNumber: 'SIM-KAS-0013', signingPassphrase: 'kas-3-demo-key' },
    ],
  },
  {
    organisation: 'Pacific Island Mapping (demo)',
    corridorSlug: 'vanuatu-erromango',
    aircraft: [{ systemId: 21, callsign: 'ERR-1', model: 'Quadcopter (simulated)', serialNumber: 'SIM-ERR-0021' }],
  },
  {
    organisation: 'Pacific Island Mapping (demo)',
    corridorSlug: 'vanuatu-epi',
    aircraft: [{ systemId: 22, callsign: 'EPI-1', model: 'Quadcopter (simulated)', serialNumber: 'SIM-EPI-0022' }],
  },
] as const;

/** How far ahead a demo booking reaches; a start tops it up when less than a day is left. */
const DEMO_BOOKING_DAYS = 7;

/**
 * Insert the demo organisations and aircraft unless already there, and make sure each demo
 * organisation holds an approved booking of each of its corridors (whole corridor, up to the
 * ceiling, for any of its aircraft) for the coming days, so the demo flights are booked flights.
 */
export async function seedDemoFleet(knex: Knex, nowMs: number = Date.now()): Promise<void> {
  for (const seed of demoFleetSeed) {
    await knex.transaction(async (trx) => {
      await trx('organisations').insert({ name: seed.organisation, kind: 'partner' }).onConflict('name').ignore();
      const organisation = await trx('organisations').where({ name: seed.organisation }).first('id');
      for (const aircraft of seed.aircraft) {
        const existing = await trx('aircraft').where({ serial_number: aircraft.serialNumber }).first('id');
        if (!existing) await insertAircraft(trx, organisation.id, aircraft);
      }
      await ensureDemoBooking(trx, { organisationId: organisation.id, corridorSlug: seed.corridorSlug, nowMs });
    });
  }
}

async function insertAircraft(trx: Knex, organisationId: string, aircraft: (typeof demoFleetSeed)[number]['aircraft'][number]): Promise<string> {
  const [row] = await trx('aircraft')
    .insert({
      organisation_id: organisationId,
      system_id: aircraft.systemId,
      callsign: aircraft.callsign,
      model: aircraft.model,
      serial_number: aircraft.serialNumber,
      // As MAVProxy's `signing setup PASSPHRASE`: the key is SHA-256 of the passphrase.
      signing_key: 'signingPassphrase' in aircraft ? createHash('sha256').update(aircraft.signingPassphrase).digest() : null,
    })
    .returning('id');
  return row.id;
}

async function ensureDemoBooking(trx: Knex, booking: { organisationId: string; corridorSlug: string; nowMs: number }): Promise<void> {
  const dayMs = 86_400_000;
  const corridor = await trx('corridors').where({ slug: booking.corridorSlug }).first('id', 'ceiling_m', 'ceiling_reference');
  const held = trx('bookings').where({ organisation_id: booking.organisationId, corridor_id: corridor.id }).whereIn('status', ['approved', 'active']);
  if (await held.clone().whereRaw('time_window @> ?::timestamptz', [new Date(booking.nowMs + dayMs)]).first('id')) return;
  // Starts where the organisation's last booking ends, so a top-up never overlaps it (the database would refuse).
  const last = await held.clone().max({ endsAt: trx.raw('upper(time_window)') }).first();
  const startsAtMs = Math.max(booking.nowMs - 3_600_000, last?.endsAt ? new Date(last.endsAt).getTime() : 0);
  await trx('bookings').insert({
    corridor_id: corridor.id,
    organisation_id: booking.organisationId,
    aircraft_id: null,
    is_whole_corridor: true,
    status: 'approved',
    time_window: trx.raw('tstzrange(?, ?)', [new Date(startsAtMs), new Date(booking.nowMs + DEMO_BOOKING_DAYS * dayMs)]),
    area: trx.raw('(SELECT boundary FROM corridors WHERE id = ?)', [corridor.id]),
    altitude_min_m: 0,
    altitude_max_m: corridor.ceiling_m,
    altitude_reference: corridor.ceiling_reference,
    purpose: 'Demo flights (seeded)',
  });
}
