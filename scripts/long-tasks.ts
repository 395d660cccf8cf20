/**
 * What held main's event loop: the stretches of a V8 CPU profile in which the thread never went
 * idle (each one a task), longest first, with the project frames that held most of each, and main's
 * busy time by function over a window. monitorEventLoopDelay only says that the loop was late.
 *
 *   BENCH_LOAD_SECONDS=40 node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/load.bench.ts
 *   node --import tsx scripts/long-tasks.ts /tmp/prof/CPU.*.0.001.cpuprofile [--min 20] [--from US --to US]
 *
 * The load bench prints `profile_window_us` (the loaded window, in the profile's clock) when it runs
 * under --cpu-prof; pass its two numbers as --from and --to. Profile 0.001 is the main thread's.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    min: { type: 'string', default: '20' },
    from: { type: 'string' },
    to: { type: 'string' },
  },
});
const file = positionals[0];
if (!file) throw new Error('usage: long-tasks.ts PROFILE [--min MS] [--from US --to US]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const minMs = Number(values.min);
const from = values.from ? Number(values.from) : profile.startTime;
const to = values.to ? Number(values.to) : profile.endTime;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}`;
const ours = (n: ProfileNode) =>
  /\/(electron|bench|shared)\//.test(n.callFrame.url) && !n.callFrame.url.includes('node_modules');
const frames = (id: number): ProfileNode[] => {
  const out: ProfileNode[] = [];
  for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) out.push(byId.get(x)!);
  return out;
};

interface Task {
  start: number;
  us: number;
  samples: [number, number][];
}
const tasks: Task[] = [];
const self = new Map<string, number>();
let busy = 0;
let current: Task | undefined;
let t = profile.startTime;
const times = profile.timeDeltas.map((d) => (t += d));
for (let i = 0; i < profile.samples.length; i++) {
  const at = times[i]!;
  if (at < from || at > to) continue;
  const id = profile.samples[i]!;
  const us = (times[i + 1] ?? at) - at;
  if (byId.get(id)!.callFrame.functionName === '(idle)') {
    if (current) tasks.push(current);
    current = undefined;
    continue;
  }
  busy += us;
  const leaf = name(byId.get(id)!);
  self.set(leaf, (self.get(leaf) ?? 0) + us);
  current ??= { start: at, us: 0, samples: [] };
  current.us += us;
  current.samples.push([id, us]);
}
if (current) tasks.push(current);

const ms = (us: number) => `${(us / 1000).toFixed(0)} ms`;
const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
console.log(
  `window ${((to - from) / 1e6).toFixed(1)} s: main busy ${ms(busy)} (${((100 * busy) / (to - from)).toFixed(1)}%)`,
);
console.log('busiest functions (self time):');
for (const [f, us] of top(self, 15)) console.log(`  ${ms(us).padStart(7)}  ${f}`);

const long = tasks.filter((k) => k.us >= minMs * 1000).sort((a, b) => b.us - a.us);
console.log(`\n${long.length} tasks of ${minMs} ms or more:`);
for (const k of long) {
  const leaves = new Map<string, number>();
  const project = new Map<string, number>();
  for (const [id, us] of k.samples) {
    const stack = frames(id);
    leaves.set(name(stack[0]!), (leaves.get(name(stack[0]!)) ?? 0) + us);
    for (const f of new Set(stack.filter(ours).map(name)))
      project.set(f, (project.get(f) ?? 0) + us);
  }
  console.log(`  ${ms(k.us).padStart(7)} at +${((k.start - from) / 1e6).toFixed(2)} s`);
  console.log(
    `           self: ${top(leaves, 3)
      .map(([f, us]) => `${f} ${ms(us)}`)
      .join(' | ')}`,
  );
  const held = top(project, 3).map(([f, us]) => `${f} ${ms(us)}`);
  if (held.length) console.log(`           in:   ${held.join(' | ')}`);
}
