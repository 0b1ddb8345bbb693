// @ts-check

/**
 * Why each operation happened: its `source` (manual, schedule, run-now,
 * override, off-hours-boundary) and a `reason` in words (which schedule,
 * override, person or off-hours limit), shown on the entity tab and in the
 * admin activity log. Records written before stay without them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ns_activities', table => {
    table.string('source', 32).nullable().comment('what made it happen');
    table.string('reason', 500).nullable().comment('why, in words');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ns_activities', table => {
    table.dropColumn('reason');
    table.dropColumn('source');
  });
};
