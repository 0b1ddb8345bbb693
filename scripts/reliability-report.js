#!/usr/bin/env node
// Writes the figures the reliability suites measured (.test-results/reliability/*.json,
// from `yarn test:reliability`) into docs/reliability.md, each between its
// `<!-- figures:NAME -->` and `<!-- /figures -->` markers, with the machine and date.
// A suite that did not run keeps the figures already in the document.
//   yarn reliability:report   (this script, then prettier on the document)
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const figuresDir = path.join(root, '.test-results/reliability');
const docFile = path.join(root, 'docs/reliability.md');

const table = (header, rows) =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(row => `| ${row.join(' | ')} |`),
  ].join('\n');

/** A freeze case's ending, as the table says it. */
const outcomeOf = e => {
  if (e.success) return 'done';
  if (e.repairPending)
    return `failed after ${e.scaled} changes, marked for repair`;
  return e.scaled > 0
    ? `failed after ${e.scaled} changes, rolled back`
    : 'failed before any change';
};

const seconds = ms => `${(ms / 1000).toFixed(1)} s`;

const renderers = {
  'crash-safety': f =>
    table(
      [
        'trials',
        'workloads each',
        'replica counts lost',
        'trials restored exactly',
        'time',
      ],
      [
        [
          f.trials,
          f.workloadsPerTrial,
          `**${f.replicaCountsLost}**`,
          f.trialsRestoredExactly,
          seconds(f.elapsedMs),
        ],
      ],
    ) +
    `\n\nKill points (writes the sandbox had received): ${f.killedAfterWrites.join(
      ', ',
    )}.` +
    `\nWorkloads already asleep at the kill: ${f.asleepAtKill.join(
      ', ',
    )}. Seed ${f.seed}.`,
  faults: f =>
    table(
      ['outcome', 'operations'],
      Object.entries(f.outcomes).map(([outcome, n]) => [
        outcome,
        outcome === 'inconsistent' ? `**${n}**` : n,
      ]),
    ) +
    `\n\n${f.operations} operations, ${f.apiRequests} API requests, ` +
    `${Math.round(f.faultRate * 1000) / 10}% of them faulted: ` +
    Object.entries(f.faultsInjected)
      .map(([name, n]) => `${n} × ${name}`)
      .join(', ') +
    `. Activities recorded: ${f.activitiesRecorded}. Time ${seconds(
      f.elapsedMs,
    )}. Seed ${f.seed}.`,
  'off-hours-concurrency': f =>
    table(
      [
        'limit N',
        'concurrent wakes',
        'woken',
        'refused (409)',
        'other',
        'peak awake in the cluster',
        'slots held',
        'time',
      ],
      f.rounds.map(r => [
        r.limit,
        f.wakes,
        r.woken,
        r.refused409,
        r.other,
        `**${r.peakAwakeInCluster}**`,
        r.slotsHeld,
        `${r.elapsedMs} ms`,
      ]),
    ),
  'exactly-once': f =>
    table(
      [
        'instances',
        'database',
        'due runs',
        'executions',
        'duplicates',
        'claims lost to the other instance',
        'time',
      ],
      [
        [
          f.instances,
          f.database,
          f.dueRuns,
          f.executions,
          `**${f.duplicates}**`,
          f.claimsLostToTheOtherInstance,
          seconds(f.elapsedMs),
        ],
      ],
    ) + `\n\nExecutions by instance: a ${f.byInstance.a}, b ${f.byInstance.b}.`,
  'bad-input': f =>
    table(
      [
        'requests',
        'routes',
        '5xx',
        'rejections not naming the problem',
        'state changes from rejected requests',
        'time',
      ],
      [
        [
          f.requests,
          `${f.routes} of ${f.routesInSpec}`,
          `**${f.responses5xx}**`,
          `**${f.messagesNotNamingTheProblem}**`,
          `**${f.stateChangesFromRejectedRequests}**`,
          seconds(f.elapsedMs),
        ],
      ],
    ) +
    '\n\n' +
    table(['status', 'responses'], Object.entries(f.byStatus)) +
    '\n\n' +
    table(
      ['defect', 'requests'],
      Object.entries(f.byDefect).sort(([a], [b]) => a.localeCompare(b)),
    ) +
    `\n\nSeed ${f.seed}.`,
  freeze: f =>
    table(
      [
        'frozen',
        'for',
        'after',
        'operation',
        'outcome',
        'answered after',
        'settled after the thaw',
        'final state',
      ],
      f.cases.flatMap(c =>
        c.endings.map(e => [
          c.component === 'apiserver' ? 'kube-apiserver' : c.component,
          `${c.seconds} s`,
          `${c.frozenAfterMs} ms`,
          e.operation,
          outcomeOf(e),
          seconds(e.responseMs),
          seconds(e.settledAfterThawMs),
          `**${e.final}**`,
        ]),
      ),
    ) +
    `\n\n${f.workloads} Deployments per namespace; partial namespaces left: **${
      f.cases.flatMap(c => c.endings).filter(e => e.final === 'mixed').length
    }**. Seed ${f.seed}.`,
  'one-at-a-time': f =>
    table(
      [
        'requests',
        'Deployments',
        'ran (200)',
        'refused (409)',
        'final state',
        'time',
      ],
      [
        [
          f.requests,
          f.workloads,
          f.ran,
          f.refused409,
          `**${f.finalState}**`,
          `${f.elapsedMs} ms`,
        ],
      ],
    ),
};

/** Each suite's test file, as `yarn test:reliability <pattern>` selects it. */
const patterns = {
  'crash-safety': 'crashSafety',
  faults: 'faults',
  'off-hours-concurrency': 'offHoursConcurrency',
  'exactly-once': 'exactlyOnce',
  'bad-input': 'badInput',
  freeze: 'freeze',
  'one-at-a-time': 'oneAtATime',
};

function render(record) {
  const { machine } = record;
  return [
    renderers[record.name](record.figures),
    '',
    `Command: \`yarn test:reliability ${
      patterns[record.name]
    }\` (or all: \`yarn test:reliability\`).`,
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB RAM, ` +
      `Node ${machine.node}, ${machine.platform}. Measured ${record.date.slice(
        0,
        10,
      )}.`,
  ].join('\n');
}

let doc = fs.readFileSync(docFile, 'utf8');
const files = fs.existsSync(figuresDir) ? fs.readdirSync(figuresDir) : [];
for (const file of files.filter(f => f.endsWith('.json'))) {
  const record = JSON.parse(
    fs.readFileSync(path.join(figuresDir, file), 'utf8'),
  );
  const section = new RegExp(
    `(<!-- figures:${record.name} -->\\n)[\\s\\S]*?(<!-- /figures -->)`,
  );
  if (!section.test(doc)) {
    console.error(`docs/reliability.md has no section for ${record.name}`);
    process.exitCode = 1;
    continue;
  }
  doc = doc.replace(
    section,
    (_, start, end) => `${start}${render(record)}\n${end}`,
  );
  console.log(`docs/reliability.md: ${record.name} (${record.date})`);
}
fs.writeFileSync(docFile, doc);
