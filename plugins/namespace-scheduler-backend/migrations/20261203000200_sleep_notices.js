// @ts-check

/**
 * Notices sent to a namespace's owners before an automatic sleep: one row
 * per (namespace, due time), inserted by the instance that sends it, so a
 * notice goes out once however many backend instances tick. Rows older
 * than a day are deleted by the ticks.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ns_sleep_notices', table => {
    table.comment('Before-sleep notices sent, one per namespace and due time');
    table.string('cluster_name', 255).notNullable();
    table.string('namespace_name', 63).notNullable();
    table.bigInteger('due_at').notNullable().comment('epoch ms of the sleep');
    table.string('claimed_by', 255).notNullable().comment('backend instance');
    table.bigInteger('claimed_at').notNullable().comment('epoch ms');
    table.primary(['cluster_name', 'namespace_name', 'due_at']);
    table.index(['due_at'], 'ns_sleep_notices_due_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ns_sleep_notices');
};
