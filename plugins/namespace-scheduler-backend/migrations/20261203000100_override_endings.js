// @ts-check

/**
 * Who ended an override and when: an operation that goes against the
 * override holding a namespace (a sleep run now while it is held awake, a
 * manual wake while it is held asleep) ends it, so it no longer holds back
 * the namespace's other schedules; the schedule keeps who ran that
 * operation and when. Overrides released or replaced stay without them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ns_schedules', table => {
    table
      .string('ended_by', 255)
      .nullable()
      .comment('who ran the operation that ended this override');
    table.bigInteger('ended_at').nullable().comment('epoch ms');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ns_schedules', table => {
    table.dropColumn('ended_at');
    table.dropColumn('ended_by');
  });
};
