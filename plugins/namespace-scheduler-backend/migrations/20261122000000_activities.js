// @ts-check

/**
 * Activity log (seed 000's DynamoDB item): one row per wake/sleep/scale.
 * The four indexes mirror the seed's GSIs (cost center, operation, cluster,
 * requester, each with the start time); the primary lookup is by namespace.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ns_activities', table => {
    table.comment('Every namespace operation, scheduled or manual');
    table.string('id', 36).primary().notNullable();
    table.string('namespace_name', 63).notNullable();
    table.string('cluster_name', 255).notNullable();
    table.string('operation_type', 16).notNullable();
    table.string('cost_center', 255).notNullable();
    table.string('requested_by', 255).notNullable();
    table.string('approved_by', 255).nullable();
    table.string('user_id', 255).nullable();
    table.string('status', 16).notNullable().comment('active|completed');
    table.bigInteger('timestamp_start').notNullable().comment('epoch ms');
    table.bigInteger('timestamp_end').nullable().comment('epoch ms');
    table.integer('duration_minutes').nullable();
    table.text('result').nullable().comment('engine result as JSON');
    table.index(['namespace_name', 'timestamp_start'], 'ns_act_namespace_idx');
    table.index(['cost_center', 'timestamp_start'], 'ns_act_cost_center_idx');
    table.index(['operation_type', 'timestamp_start'], 'ns_act_operation_idx');
    table.index(['cluster_name', 'timestamp_start'], 'ns_act_cluster_idx');
    table.index(['requested_by', 'timestamp_start'], 'ns_act_requested_by_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ns_activities');
};
