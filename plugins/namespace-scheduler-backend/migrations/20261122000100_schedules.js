// @ts-check

/**
 * Schedules (cron tasks, one-off and weekly windows, overrides) and their runs.
 *
 * - `ns_schedules`: one row per cron task, one-off window, weekly window or
 *   override; the runner finds due work through the `next_run` index.
 * - `ns_schedule_runs`: every (schedule, due time) claimed, executed,
 *   skipped or missed. The unique key makes each scheduled occurrence run
 *   once even with several backend instances.
 * - `ns_schedule_locks`: one row per namespace, upserted to serialize writes
 *   that check window overlaps.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ns_schedules', table => {
    table.comment('Namespace schedules');
    table.string('id', 36).primary().notNullable();
    table
      .string('kind', 16)
      .notNullable()
      .comment('cron|window|weekly|override');
    table.string('title', 200).notNullable();
    table.string('cluster_name', 255).notNullable();
    table.string('namespace_name', 63).notNullable();
    table.string('cost_center', 255).notNullable();
    table.string('zone', 64).notNullable().comment('IANA time zone');
    table.string('operation', 16).nullable().comment('cron, override');
    table.integer('replicas').nullable().comment('cron scale');
    table.string('cron', 255).nullable();
    table.bigInteger('starts_at').nullable().comment('window start, epoch ms');
    table
      .bigInteger('ends_at')
      .nullable()
      .comment('window end or override until, epoch ms');
    table.string('days', 32).nullable().comment('weekly: mon,tue,…');
    table.string('from_time', 5).nullable().comment('weekly: HH:mm');
    table.string('to_time', 5).nullable().comment('weekly: HH:mm');
    table.text('except_dates').nullable().comment('JSON array of YYYY-MM-DD');
    table.string('status', 16).notNullable().comment('active|completed');
    table.bigInteger('next_run').nullable().comment('epoch ms');
    table.string('next_operation', 16).nullable();
    table.integer('run_count').notNullable().defaultTo(0);
    table.integer('success_count').notNullable().defaultTo(0);
    table.integer('error_count').notNullable().defaultTo(0);
    table.integer('skipped_count').notNullable().defaultTo(0);
    table.text('last_run').nullable().comment('JSON summary of the latest run');
    table.string('created_by', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.index(['next_run'], 'ns_sched_next_run_idx');
    table.index(['cluster_name', 'namespace_name'], 'ns_sched_namespace_idx');
  });

  await knex.schema.createTable('ns_schedule_runs', table => {
    table.comment('Claimed, executed, skipped and missed schedule runs');
    table.string('id', 36).primary().notNullable();
    table.string('schedule_id', 36).notNullable();
    table.bigInteger('due_at').notNullable().comment('epoch ms');
    table.string('trigger', 16).notNullable().comment('schedule|manual');
    table.string('operation', 16).nullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('claimed|succeeded|failed|skipped|missed');
    table.text('message').nullable();
    table.string('claimed_by', 255).notNullable();
    table.bigInteger('claimed_at').notNullable();
    table.bigInteger('finished_at').nullable();
    table.string('activity_id', 36).nullable();
    table.unique(['schedule_id', 'trigger', 'due_at'], {
      indexName: 'ns_sched_runs_once_idx',
    });
  });

  await knex.schema.createTable('ns_schedule_locks', table => {
    table.comment('Per-namespace lock rows for schedule writes');
    table.string('cluster_name', 255).notNullable();
    table.string('namespace_name', 63).notNullable();
    table.integer('version').notNullable();
    table.primary(['cluster_name', 'namespace_name']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ns_schedule_locks');
  await knex.schema.dropTable('ns_schedule_runs');
  await knex.schema.dropTable('ns_schedules');
};
