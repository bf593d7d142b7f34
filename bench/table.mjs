// Turns the scenarios' JSON lines into the BENCHMARKS.md table rows.
// Usage: node bench/table.mjs bench/results/<run>.jsonl
import { readFileSync } from 'node:fs';

const fmt = (v, unit = '') => (v == null ? '–' : `${typeof v === 'number' ? v.toLocaleString('en-US') : v}${unit}`);
const r3 = (v) => (v == null ? null : Number(v.toPrecision(3)));
const div = (a, b) => (a == null || b == null || b === 0 ? null : r3(a / b));

function kneeCell(step, key = 'sentRate', budget) {
  const b = budget != null && budget !== 50 ? `, budget ${budget} ms` : '';
  return step ? `${fmt(step[key])} (p99 ${fmt(step.p99)} ms${b})` : `below first step${b ? ` (${b.slice(2)})` : ''}`;
}

const PATH_NAMES = { graphql: 'graphql (HTTP mutation)', 'graphql-ws': 'graphql-ws (mutation over the socket)', legacy: 'legacy' };

/** @returns {{scenario: string, ours: string, floor: string, ratio: string, target: string}[]} */
export function rows(line) {
  const out = [];
  const add = (scenario, ours, floor, ratio, target = '') => out.push({ scenario, ours, floor, ratio: fmt(ratio), target });
  const r = line.results ?? {};
  switch (line.scenario) {
    case '1-dm-latency': {
      const fl = r.floor;
      for (const path of ['graphql', 'graphql-ws', 'legacy']) {
        const o = r[path];
        if (!o) continue;
        o.fixed.forEach((f, i) => {
          const ff = fl?.fixed[i];
          add(`1 DM ${path} @${f.offered} msg/s: p50 / p99 / p99.9 ms`, `${f.p50} / ${f.p99} / ${f.p999} (sent ${f.sentRate}/s)`, ff ? `${ff.p50} / ${ff.p99} / ${ff.p999}` : '–', div(ff?.p99, f.p99), 'ratio = floor p99 ÷ ours p99');
        });
        add(`1 DM ${path} knee msg/s (p99 ≤ 50 ms)`, kneeCell(o.knee), kneeCell(fl?.knee), div(o.knee?.sentRate, fl?.knee?.sentRate), path === 'legacy' ? '≥ 0.7' : '');
      }
      break;
    }
    case '2-group-fanout': {
      for (const [members, res] of Object.entries(r)) {
        for (const path of ['graphql', 'graphql-ws', 'legacy']) {
          const o = res[path];
          if (!o) continue;
          add(
            `2 group of ${members}, ${PATH_NAMES[path]}: deliveries/s at knee`,
            kneeCell(o.knee, 'deliveriesPerS', o.p99LimitMs),
            kneeCell(res.floor?.knee, 'deliveriesPerS', res.floor?.p99LimitMs),
            div(o.knee?.deliveriesPerS, res.floor?.knee?.deliveriesPerS),
            path === 'legacy' ? '≥ 0.7' : '≥ 0.6',
          );
        }
      }
      break;
    }
    case '3-idle-connections': {
      const o = r.graphql;
      const f = r.floor;
      add(`3 idle graphql-ws, ${fmt(line.connections)} conns: RSS KiB/conn`, fmt(o?.rssPerConnectionKiB), fmt(f?.rssPerConnectionKiB), div(o?.rssPerConnectionKiB, f?.rssPerConnectionKiB), '≤ 25 KiB (absolute)');
      add(`3 idle: handshakes/s (p99 ms)`, o ? `${fmt(o.handshakesPerS)} (${o.handshake.p99})` : '–', f ? `${fmt(f.handshakesPerS)} (${f.handshake.p99})` : '–', div(o?.handshakesPerS, f?.handshakesPerS));
      add(
        `3 idle: server CPU ms per handshake (+ subscription)`,
        fmt(o?.serverCpuSecondsPer1000),
        fmt(f?.serverCpuSecondsPer1000),
        div(f?.serverCpuSecondsPer1000, o?.serverCpuSecondsPer1000),
        'ratio = floor ÷ ours',
      );
      break;
    }
    case '4-sustained-store': {
      const f = r.floor;
      for (const path of ['graphql', 'graphql-ws', 'legacy']) {
        const o = r[path];
        if (!o) continue;
        add(
          `4 sustained stored msg/s, ${line.durationS} s, 200 users/100 DMs, ${PATH_NAMES[path]}`,
          `${fmt(o.messagesPerS)} (ack p99 ${o.step.ackP99} ms)`,
          f ? `${fmt(f.messagesPerS)} (ack p99 ${f.step.ackP99} ms)` : '–',
          div(o.messagesPerS, f?.messagesPerS),
          '≥ 0.5',
        );
        if (o.rss) add(`4 RSS drift (ours, ${path})`, `${o.rss.startMiB} → ${o.rss.endMiB} MiB, ${o.rss.slopeMiBPerMin} MiB/min`, '', null);
      }
      break;
    }
    case '5-history': {
      const f = r.floor;
      for (const path of ['graphql', 'rest']) {
        const o = r[path];
        if (!o) continue;
        add(`5 history page of 50 of ${fmt(line.messages)}, ${path}: req/s (p99 ms)`, `${fmt(o.requestsPerS)} (${o.p99})`, f ? `${fmt(f.requestsPerS)} (${f.p99})` : '–', div(o.requestsPerS, f?.requestsPerS), '≥ 0.5');
      }
      if (line.rawQueryOnOurDb) {
        const raw = line.rawQueryOnOurDb.queriesPerS;
        add('5 the same query raw on our DB (in-process, + JSON.stringify): pages/s; ratio graphql ÷ raw', fmt(r.graphql?.requestsPerS), fmt(raw), div(r.graphql?.requestsPerS, raw), 'ratio = ours ÷ raw');
        add('5 … ratio rest ÷ raw', fmt(r.rest?.requestsPerS), fmt(raw), div(r.rest?.requestsPerS, raw), 'ratio = ours ÷ raw');
      }
      break;
    }
    case '6-search': {
      for (const [db, byQuery] of Object.entries(r)) {
        const history = byQuery['history page (baseline)'];
        for (const [query, t] of Object.entries(byQuery)) {
          if (t === history) continue;
          add(`6 search ${db}, ${fmt(line.messages)} msgs, ${query}: p50 / p99 ms (a page of 20)`, `${t.p50} / ${t.p99} (${t.results} results)`, `history page: ${history?.p50} / ${history?.p99}`, t.vsHistory, 'ratio = search p50 ÷ history p50');
        }
      }
      break;
    }
  }
  return out;
}

export function table(lines) {
  const all = lines.flatMap((l) => rows(l).map((row) => ({ ...row, date: l.date?.slice(0, 10), commit: l.commit })));
  const head = '| scenario | this project | floor | ratio | target | date | commit |\n|---|---|---|---|---|---|---|';
  return [head, ...all.map((x) => `| ${x.scenario} | ${x.ours} | ${x.floor} | ${x.ratio} | ${x.target} | ${x.date} | ${x.commit} |`)].join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node bench/table.mjs <results.jsonl>');
    process.exit(2);
  }
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  console.log(table(lines));
  const machine = lines[0]?.machine;
  if (machine) console.log(`\nmachine: ${machine}`);
}
