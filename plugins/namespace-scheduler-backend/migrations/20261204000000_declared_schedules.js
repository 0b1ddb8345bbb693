// @ts-check

/**
 * Schedules declared in the catalog (`namespace-scheduler/schedule`): a
 * schedule row says which entity declared it, the entry's text and where to
 * edit it; `declared_key` (entity, namespace, entry) is unique, so two
 * backend instances reconciling at once cannot create one entry twice.
 * What the last reconciliation made of each claiming entity's entries
 * (applied, conflict, invalid) is kept per entity, replaced on each pass.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ns_schedules', table => {
    table
      .string('declared_by', 255)
      .nullable()
      .comment('the catalog entity whose annotation declares this schedule');
    table
      .string('declared_key', 600)
      .nullable()
      .comment('<entity ref>|<cluster>/<namespace>|<entry index>');
    table.text('declared_text').nullable().comment('the annotation entry');
    table.text('declared_source_url').nullable().comment('where to edit it');
    table.unique(['declared_key'], {
      indexName: 'ns_schedules_declared_key_uq',
    });
  });
  await knex.schema.createTable('ns_declared_schedule_states', table => {
    table.comment(
      'The last reconciliation of declared schedules, per claiming entity',
    );
    table.string('entity_ref', 255).primary();
    table
      .text('states')
      .notNullable()
      .comment('JSON array of DeclaredScheduleState');
    table.bigInteger('checked_at').notNullable().comment('epoch ms');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ns_declared_schedule_states');
  await knex.schema.alterTable('ns_schedules', table => {
    table.dropUnique(['declared_key'], 'ns_schedules_declared_key_uq');
    table.dropColumn('declared_source_url');
    table.dropColumn('declared_text');
    table.dropColumn('declared_key');
    table.dropColumn('declared_by');
  });
};
