/**
 * Cycles in the data flow between files: `a.py` writes `x.csv`, which `b.py` reads, and `b.py`
 * writes `y.csv`, which `a.py` reads. Found through the strongly connected components of the
 * hand-off graph (Tarjan's algorithm); each component with two or more files yields one cycle,
 * its shortest loop through the component's first file in path order.
 */
import type { Handoff, PipelineCycle } from "./types.js";
import { appendTo } from "../../collections.js";

interface Step {
  to: string;
  handoff: Handoff;
  write: Handoff["writes"][number]["site"];
}

function stronglyConnected(nodes: string[], next: Map<string, Step[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (start: string): void => {
    // Iterative Tarjan: frames hold a node and the position in its successor list.
    const frames: [string, number][] = [[start, 0]];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const [node, position] = frame;
      const steps = next.get(node) ?? [];
      if (position < steps.length) {
        frame[1]++;
        const to = steps[position]!.to;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          frames.push([to, 0]);
        } else if (onStack.has(to)) {
          low.set(node, Math.min(low.get(node)!, index.get(to)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(node)!));
      if (low.get(node) === index.get(node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        components.push(component);
      }
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return components;
}

/** The shortest loop from `start` back to it inside one component, as steps. */
function shortestLoop(start: string, members: Set<string>, next: Map<string, Step[]>): Step[] {
  const previous = new Map<string, { from: string; step: Step }>();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const step of next.get(node) ?? []) {
      if (!members.has(step.to)) continue;
      if (step.to === start) {
        const path = [step];
        for (let at = node; at !== start; ) {
          const back = previous.get(at)!;
          path.unshift(back.step);
          at = back.from;
        }
        return path;
      }
      if (!seen.has(step.to)) {
        seen.add(step.to);
        previous.set(step.to, { from: node, step });
        queue.push(step.to);
      }
    }
  }
  return [];
}

/** Every cycle of hand-offs between two or more files, one per strongly connected component, sorted. */
export function findCycles(handoffs: Handoff[]): PipelineCycle[] {
  const next = new Map<string, Step[]>();
  const nodes = new Set<string>();
  for (const handoff of handoffs) {
    for (const { site } of handoff.writes) {
      nodes.add(site.file);
      nodes.add(handoff.read.file);
      appendTo(next, site.file, { to: handoff.read.file, handoff, write: site });
    }
  }
  const cycles: PipelineCycle[] = [];
  for (const component of stronglyConnected([...nodes].sort(), next)) {
    if (component.length < 2) continue;
    const start = [...component].sort()[0]!;
    const loop = shortestLoop(start, new Set(component), next);
    if (loop.length === 0) continue;
    // files[i] reads what files[i - 1] wrote: rotate so the loop's step into `start` comes first.
    const last = loop[loop.length - 1]!;
    const ordered = [last, ...loop.slice(0, -1)];
    cycles.push({
      files: ordered.map((step) => step.to),
      reads: ordered.map((step) => ({ read: step.handoff.read, write: step.write, artifact: step.handoff.artifact })),
    });
  }
  return cycles.sort((a, b) => (a.files[0]! < b.files[0]! ? -1 : a.files[0]! > b.files[0]! ? 1 : 0));
}
