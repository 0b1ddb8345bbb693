// @ts-check

/**
 * Activity log: one row per wake/sleep/scale, with the attributes of the
 * DynamoDB activity item (docs/dynamodb.md). The four indexes mirror that
 * table's GSIs (cost center, operation, cluster, requester, each with the
 * start time); the primary lookup is by namespace.
 * At most one record per namespace is `active` (a wake being charged).
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
    table.integer('replicas').nullable().comment('scale: replicas asked for');
    table.string('cost_center', 255).notNullable();
    table.string('requested_by', 255).notNullable();
    table.string('approved_by', 255).nullable();
    table.string('user_id', 255).nullable();
    table.string('schedule_id', 36).nullable();
    table.string('status', 16).notNullable().comment('active|completed');
    table.string('outcome', 16).notNullable().comment('succeeded|failed');
    table.bigInteger('timestamp_start').notNullable().comment('epoch ms');
    table.bigInteger('timestamp_end').nullable().comment('epoch ms');
    table.integer('duration_minutes').nullable();
    table.text('result').notNullable().comment('engine result as JSON');
    table.index(['namespace_name', 'timestamp_start'], 'ns_act_namespace_idx');
    table.index(['cost_center', 'timestamp_start'], 'ns_act_cost_center_idx');
    table.index(['operation_type', 'timestamp_start'], 'ns_act_operation_idx');
    table.index(['cluster_name', 'timestamp_start'], 'ns_act_cluster_idx');
    table.index(['requested_by', 'timestamp_start'], 'ns_act_requested_by_idx');
    table.index(['timestamp_start'], 'ns_act_timestamp_idx');
    table.unique(['cluster_name', 'namespace_name'], {
      indexName: 'ns_act_one_active_idx',
      predicate: knex.whereRaw("status = 'active'"),
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ns_activities');
};
