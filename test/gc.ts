// V8's garbage collector for tests that measure what code keeps in memory, not what it has not
// yet collected: how large the young generation grows before a scavenge differs between Node
// versions (Node 24's is several times Node 20's), so raw resident-memory peaks measure V8.
import v8 from "node:v8";
import vm from "node:vm";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

/** Collects garbage, then answers the bytes the process holds in its heap and in buffers. */
export function memoryInUse(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}
