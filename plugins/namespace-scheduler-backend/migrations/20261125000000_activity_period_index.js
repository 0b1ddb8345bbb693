// @ts-check

/**
 * Activity records of one namespace of one cluster by end time: the awake
 * hours chart reads the records of an entity's namespaces that ended in its
 * period or are still open (no end), in one query keyed by (cluster,
 * namespace) pairs.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ns_activities', table => {
    table.index(
      ['cluster_name', 'namespace_name', 'timestamp_end'],
      'ns_act_namespace_end_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ns_activities', table => {
    table.dropIndex(
      ['cluster_name', 'namespace_name', 'timestamp_end'],
      'ns_act_namespace_end_idx',
    );
  });
};
