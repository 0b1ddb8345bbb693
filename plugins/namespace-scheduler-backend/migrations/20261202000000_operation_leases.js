// @ts-check

/**
 * One operation per namespace at a time, across backend instances: a lease
 * per namespace, held while a sleep, wake or scale runs and renewed until it
 * ends. It expires when its holder dies, and carries the operation's journal
 * (its planned changes) so that a namespace left half-changed — by a cluster
 * that stayed unreachable past the rollback window (`state = 'repair'`) or by
 * a holder that died mid-operation — is repaired by the scheduler before any
 * other operation may run on it. `token` fences stale holders: every write
 * after the acquire matches it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ns_operation_leases', table => {
    table.comment('Namespace operation leases and pending repairs');
    table.string('cluster_name', 255).notNullable();
    table.string('namespace_name', 63).notNullable();
    table.string('operation', 16).notNullable().comment('sleep|wake|scale');
    table.string('requested_by', 255).notNullable();
    table.bigInteger('started_at').notNullable().comment('epoch ms');
    table.string('holder', 255).notNullable().comment('backend instance id');
    table.string('token', 36).notNullable().comment('uuid, fencing token');
    table.bigInteger('expires_at').notNullable().comment('epoch ms');
    table.string('state', 16).notNullable().comment('running|repair');
    table
      .text('journal')
      .nullable()
      .comment('JSON array of the planned changes');
    table.text('reason').nullable().comment('why it needs repair');
    table.bigInteger('updated_at').notNullable().comment('epoch ms');
    table.primary(['cluster_name', 'namespace_name']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ns_operation_leases');
};
