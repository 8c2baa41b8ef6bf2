import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { COMPILED, REPO } from './support/paths.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * The functions a CPU profile (node --cpu-prof) spent most time in: self time, and total
 * time (self and callees) for the project's own functions.
 * Usage: node --import @swc-node/register/esm-register bench/profile-top.ts <file>... [count]
 */
const args = process.argv.slice(2);
const files = args.filter((arg) => arg.endsWith('.cpuprofile'));
const count = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 25);
if (files.length === 0) {
  console.error('usage: bench/profile-top.ts <file.cpuprofile>... [count]');
  process.exit(2);
}
for (const file of files) summarise(file);

function summarise(file: string): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);

  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const totalTime = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0);

  const name = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const path = url.startsWith('file://') ? new URL(url).pathname : undefined;
    // Children run compiled copies: name the sources.
    const where = path ? relative(path.startsWith(COMPILED) ? COMPILED : REPO, path) : url;
    return `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
  };

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    self.set(name(byId.get(id)!), (self.get(name(byId.get(id)!)) ?? 0) + ms);
    // Each function counts once per sample, however deep it recurses.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = name(byId.get(at)!);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + ms);
    }
  }

  const top = (map: Map<string, number>, keep: (key: string) => boolean) =>
    [...map.entries()]
      .filter(([key]) => keep(key))
      .sort((a, b) => b[1] - a[1])
      .slice(0, count);
  const line = ([key, ms]: [string, number]) =>
    `${((ms / totalTime) * 100).toFixed(1).padStart(5)}%  ${Math.round(ms).toString().padStart(7)} ms  ${key}`;

  console.log(`${file}: ${Math.round(totalTime)} ms sampled\n\nSelf time:`);
  for (const entry of top(self, () => true)) console.log(line(entry));
  console.log('\nTotal time, project code (src/):');
  for (const entry of top(total, (key) => key.includes(' src/'))) console.log(line(entry));
}
