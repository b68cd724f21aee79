// Resident memory of a process and all its descendants, from /proc (Linux only).
import fs from "node:fs";

/** pid -> parent pid for every process, from /proc/<pid>/stat (field 4, after the "(comm)"). */
function parentMap(): Map<number, number> {
  const map = new Map<number, number>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const after = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      map.set(Number(name), Number(after[1]));
    } catch {
      // exited meanwhile
    }
  }
  return map;
}

/** The root and every descendant. */
export function processTree(root: number): number[] {
  const parents = parentMap();
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  }
  return tree;
}

/** VmRSS in bytes (0 when the process is gone). */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function treeRss(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + rssOf(pid), 0);
}

export interface RssSampler {
  /** Peak total RSS since start (bytes). */
  stop(): { peak: number; samples: number; pids: number[] };
}

/** Samples the tree's total RSS every `everyMs`; the tree itself is re-read every 500 ms. */
export function sampleRss(root: number, everyMs = 50): RssSampler {
  let pids = processTree(root);
  let peak = treeRss(pids);
  let samples = 1;
  let lastTree = Date.now();
  const seen = new Set(pids);
  const timer = setInterval(() => {
    if (Date.now() - lastTree > 500) {
      pids = processTree(root);
      pids.forEach((p) => seen.add(p));
      lastTree = Date.now();
    }
    peak = Math.max(peak, treeRss(pids));
    samples++;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, treeRss(pids));
      return { peak, samples: samples + 1, pids: [...seen] };
    },
  };
}
