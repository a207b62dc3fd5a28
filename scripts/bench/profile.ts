/** Summarises a V8 .cpuprofile: the share of busy time by area (our code by folder, each package) and by function. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

export interface ProfileSummary {
  file: string;
  turns: number;
  busyMsPerTurn: number;
  areas: { area: string; share: number }[];
  functions: { name: string; where: string; share: number }[];
}

const IDLE = new Set(['(idle)', '(program)']);

function area(url: string, name: string): string {
  if (name.startsWith('(')) return name;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const ours = /\/dist\/((?:src\/)?[^/]+)\//.exec(url);
  if (ours) return `ours: ${ours[1]}`;
  if (url.startsWith('node:') || url === '') return 'node internals';
  return url;
}

export function summariseProfile(profile: CpuProfile, turns: number, file: string): ProfileSummary {
  const interval = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length) / 1000;
  const busy = profile.nodes.filter((n) => !IDLE.has(n.callFrame.functionName) && (n.hitCount ?? 0) > 0);
  const total = busy.reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
  const add = (map: Map<string, number>, key: string, hits: number) => map.set(key, (map.get(key) ?? 0) + hits);
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const node of busy) {
    const { functionName, url, lineNumber } = node.callFrame;
    add(areas, area(url, functionName), node.hitCount ?? 0);
    add(functions, `${functionName || '(anonymous)'}\t${area(url, functionName)}${url ? `:${lineNumber + 1}` : ''}`, node.hitCount ?? 0);
  }
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return {
    file,
    turns,
    busyMsPerTurn: (total * interval) / Math.max(1, turns),
    areas: sorted(areas).map(([key, hits]) => ({ area: key, share: hits / total })),
    functions: sorted(functions).map(([key, hits]) => ({ name: key.split('\t')[0]!, where: key.split('\t')[1]!, share: hits / total })),
  };
}
