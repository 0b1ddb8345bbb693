// @ts-check

/**
 * Alertmanager silences created while namespaces sleep: the silence of each
 * sleeping namespace, so that waking it (on any backend instance) can expire
 * the silence early instead of leaving its alerts muted until it ends.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ns_alertmanager_silences', table => {
    table.comment('Alertmanager silences of sleeping namespaces');
    table.string('cluster_name', 255).notNullable();
    table.string('namespace_name', 63).notNullable();
    table.string('silence_id', 255).notNullable();
    table.bigInteger('ends_at').notNullable().comment('epoch ms');
    table.bigInteger('created_at').notNullable().comment('epoch ms');
    table.primary(['cluster_name', 'namespace_name']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ns_alertmanager_silences');
};
