// @ts-check

/**
 * Activity outbox: activity writes for DynamoDB (namespaceScheduler.activityStore:
 * dynamodb) that could not be made because DynamoDB was unavailable, kept in
 * the portal database and replayed in `seq` order when it answers again. A
 * row is deleted only after its write landed; replays are idempotent by
 * `activity_id`, so nothing is lost or written twice.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ns_activity_outbox', table => {
    table.comment('Activity writes waiting for DynamoDB');
    table.increments('seq').primary();
    table.string('activity_id', 36).notNullable().unique();
    table.text('activity').notNullable().comment('the activity as JSON');
    table.string('effect', 8).notNullable().comment('open|close|none');
    table.bigInteger('enqueued_at').notNullable().comment('epoch ms');
    table.integer('attempts').notNullable().defaultTo(0);
    table.text('last_error').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ns_activity_outbox');
};
