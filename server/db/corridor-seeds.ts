/**
 * The corridors the platform ships with, from public facts (see DESIGN.md). Every
 * coordinate is approximate and marked so in the data; exclusion zones named
 * "illustrative" are placeholders for the authority's own geozones, not official ones.
 * Coordinates are [lon, lat].
 */
export type SeedArea =
  | { type: 'circle'; center: [number, number]; radiusM: number }
  | { type: 'route'; route: [number, number][]; halfWidthM: number }
  | { type: 'box'; west: number; south: number; east: number; north: number };

export interface ZoneSeed {
  name: string;
  kind: 'inclusion' | 'exclusion';
  restriction: 'prohibited' | 'authorisation' | 'conditional';
  area: SeedArea;
  altitudeMinM: number;
  altitudeMaxM: number;
  altitudeReference: 'AGL' | 'MSL';
  marginM: number;
  note: string;
}

export interface CorridorSeed {
  slug: string;
  name: string;
  country: string;
  timezone: string;
  ceilingM: number;
  ceilingReference: 'AGL' | 'MSL';
  area: SeedArea;
  /**
   * 'Approaching' distance for the corridor's own boundary and ceiling. One margin serves
   * both, as ArduPilot's FENCE_MARGIN does, so it must sit well below the gap between
   * normal cruise height and the ceiling (120 m in Vanuatu).
   */
  boundaryMarginM: number;
  /** Booking rule: flights only between sunrise and sunset (Vanuatu's general rule). */
  daylightOnly: boolean;
  note: string;
  zones: ZoneSeed[];
}

export const corridorSeeds: readonly CorridorSeed[] = [
  {
    slug: 'malawi-kasungu',
    name: 'Kasungu humanitarian drone testing corridor',
    country: 'Malawi',
    timezone: 'Africa/Blantyre',
    ceilingM: 400,
    ceilingReference: 'AGL',
    area: { type: 'circle', center: [33.4686, -13.0146], radiusM: 40_000 },
    boundaryMarginM: 50,
    daylightOnly: false,
    note:
      'Opened 29 June 2017 by the Government of Malawi and UNICEF, the first humanitarian drone ' +
      'testing corridor in Africa. Centred on Kasungu aerodrome (FWKG); 40 km radius (it started ' +
      'with 5 km). Ceiling 400 m above ground; some sources say 500 m. Approximate.',
    zones: [
      {
        name: 'Kasungu aerodrome (FWKG) runway surroundings',
        kind: 'exclusion',
        restriction: 'authorisation',
        area: { type: 'box', west: 33.462, south: -13.03, east: 33.476, north: -13.0 },
        altitudeMinM: 0,
        altitudeMaxM: 150,
        altitudeReference: 'AGL',
        marginM: 200,
        note: 'Runway surroundings below 150 m AGL; extent approximate.',
      },
      {
        name: 'Kasungu town centre',
        kind: 'exclusion',
        restriction: 'prohibited',
        area: { type: 'circle', center: [33.483, -13.034], radiusM: 1200 },
        altitudeMinM: 0,
        altitudeMaxM: 400,
        altitudeReference: 'AGL',
        marginM: 300,
        note: 'No overflight of the town centre; centre and radius approximate.',
      },
    ],
  },
  {
    slug: 'vanuatu-erromango',
    name: "Erromango: Dillon's Bay to Cook's Bay",
    country: 'Vanuatu',
    timezone: 'Pacific/Efate',
    ceilingM: 120,
    ceilingReference: 'AGL',
    area: { type: 'route', route: [[169.0, -18.81], [169.13, -18.8], [169.27, -18.75]], halfWidthM: 2500 },
    boundaryMarginM: 15,
    daylightOnly: true,
    note:
      'Tendered by UNICEF and the Government of Vanuatu in 2018; first delivery Dillon\'s Bay to ' +
      "Cook's Bay (about 40 km by route, about 25 minutes), December 2018. Buffer around the route; " +
      '120 m (400 ft) above ground, daylight. Approximate.',
    zones: [
      {
        name: 'Central Erromango ridge (illustrative)',
        kind: 'exclusion',
        restriction: 'conditional',
        area: { type: 'circle', center: [169.13, -18.783], radiusM: 800 },
        altitudeMinM: 0,
        altitudeMaxM: 120,
        altitudeReference: 'AGL',
        marginM: 200,
        note: 'Illustrative exclusion beside the route, standing in for the authority\'s own geozones.',
      },
      {
        name: "Cook's Bay village (illustrative)",
        kind: 'exclusion',
        restriction: 'prohibited',
        area: { type: 'circle', center: [169.255, -18.735], radiusM: 500 },
        altitudeMinM: 0,
        altitudeMaxM: 60,
        altitudeReference: 'AGL',
        marginM: 100,
        note: 'Illustrative: no low overflight of houses beside the landing site.',
      },
    ],
  },
  {
    slug: 'vanuatu-epi',
    name: 'Epi: Vaemali to Lamen Bay',
    country: 'Vanuatu',
    timezone: 'Pacific/Efate',
    ceilingM: 120,
    ceilingReference: 'AGL',
    area: { type: 'route', route: [[168.2, -16.72], [168.16, -16.59]], halfWidthM: 2000 },
    boundaryMarginM: 15,
    daylightOnly: true,
    note:
      'One of the three areas tendered in 2018 (Pentecost, Epi and the Shepherds, Erromango). ' +
      'Buffer around a launch-to-clinic route; 120 m above ground, at least 4 km from aerodromes, ' +
      'daylight. Approximate.',
    zones: [
      {
        name: 'Lamen Bay airstrip (illustrative)',
        kind: 'exclusion',
        restriction: 'authorisation',
        area: { type: 'circle', center: [168.145, -16.585], radiusM: 600 },
        altitudeMinM: 0,
        altitudeMaxM: 120,
        altitudeReference: 'AGL',
        marginM: 200,
        note: 'Illustrative: aerodrome rule (4 km) applies unless authorised; position approximate.',
      },
    ],
  },
];
