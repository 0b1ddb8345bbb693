// @ts-check

/**
 * Governance: cost-center permissions and the off-hours limit.
 *
 * - `ns_cost_center_permissions`: one record per cost center an admin (or
 *   app-config at startup) has decided on; cost centers without one get the
 *   configured default.
 * - `ns_off_hours_slots`: the namespaces that may be awake during an
 *   off-hours period. A slot number runs from 1 to the limit and is unique per
 *   (period, scope), and a namespace holds at most one slot per period, so
 *   concurrent wakes on any number of backend instances can never fill more
 *   slots than the limit.
 * - `ns_off_hours_boundaries`: the start of each off-hours period, claimed by
 *   the one runner that puts the namespaces without a slot to sleep.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ns_cost_center_permissions', table => {
    table.comment('Whether a cost center may be charged, and by whom');
    table.string('cost_center', 100).primary().notNullable();
    table.boolean('is_authorized').notNullable();
    table
      .text('allowed_groups')
      .notNullable()
      .comment('JSON array of group refs; empty: anyone');
    table.text('note').nullable();
    table.string('changed_by', 255).notNullable();
    table.bigInteger('changed_at').notNullable().comment('epoch ms');
  });

  await knex.schema.createTable('ns_off_hours_slots', table => {
    table.comment('Namespaces allowed to be awake during an off-hours period');
    table
      .bigInteger('period_start')
      .notNullable()
      .comment('epoch ms the off-hours period began');
    table
      .string('scope', 255)
      .notNullable()
      .comment('global, or cluster:<name>');
    table.integer('slot').notNullable().comment('1 … limit');
    table.string('cluster_name', 255).notNullable();
    table.string('namespace_name', 63).notNullable();
    table.string('cost_center', 255).notNullable();
    table.string('requested_by', 255).notNullable();
    table.string('approved_by', 255).nullable();
    table.string('schedule_id', 36).nullable();
    table.bigInteger('acquired_at').notNullable().comment('epoch ms');
    table.primary(['period_start', 'cluster_name', 'namespace_name']);
    table.unique(['period_start', 'scope', 'slot'], {
      indexName: 'ns_off_hours_slot_idx',
    });
  });

  await knex.schema.createTable('ns_off_hours_boundaries', table => {
    table.comment('Starts of off-hours periods handled by the runner');
    table.bigInteger('period_start').primary().notNullable();
    table.string('claimed_by', 255).notNullable();
    table.bigInteger('claimed_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ns_off_hours_boundaries');
  await knex.schema.dropTable('ns_off_hours_slots');
  await knex.schema.dropTable('ns_cost_center_permissions');
};
