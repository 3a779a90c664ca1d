/**
 * Zones are versioned: every version of one zone shares a `lineage_id` (the first version's id),
 * versions are numbered 1, 2, … within it, and at most one version of a lineage is current
 * (`valid_to IS NULL`). A revision closes the current row and inserts the next, so a past flight
 * is judged and shown against the row in force at the time (violations keep pointing at it).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('zones', (table) => {
    table.uuid('lineage_id');
  });
  await knex.raw('UPDATE zones SET lineage_id = id');
  await knex.raw('ALTER TABLE zones ALTER COLUMN lineage_id SET NOT NULL');
  // A first version may be inserted without a lineage (the corridor seeds do): it starts its own.
  // NOT NULL is checked after BEFORE triggers, and `id` already holds its default here.
  await knex.raw(`
    CREATE FUNCTION zones_default_lineage() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.lineage_id := coalesce(NEW.lineage_id, NEW.id);
      RETURN NEW;
    END
    $$`);
  await knex.raw('CREATE TRIGGER zones_default_lineage BEFORE INSERT ON zones FOR EACH ROW EXECUTE FUNCTION zones_default_lineage()');
  await knex.raw('CREATE UNIQUE INDEX zones_lineage_version ON zones (lineage_id, version)');
  // Two revisions racing on one version cannot both become current (the repository also locks the row).
  await knex.raw('CREATE UNIQUE INDEX zones_lineage_current ON zones (lineage_id) WHERE valid_to IS NULL');
  await knex.raw('ALTER TABLE zones ADD CONSTRAINT zones_validity_ordered CHECK (valid_to IS NULL OR valid_to >= valid_from)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS zones_default_lineage ON zones');
  await knex.raw('DROP FUNCTION IF EXISTS zones_default_lineage()');
  await knex.raw('ALTER TABLE zones DROP CONSTRAINT IF EXISTS zones_validity_ordered');
  await knex.schema.alterTable('zones', (table) => table.dropColumn('lineage_id'));
}
