/** CPU% (of one core) since the last reading and resident memory, measured by the job on itself. */
export function createUsageMeter(now: () => number = () => performance.now()) {
  let lastCpu = process.cpuUsage();
  let lastTime = now();
  return (): { cpuPercent: number; rssBytes: number } => {
    const cpu = process.cpuUsage(lastCpu);
    const time = now();
    const elapsedMs = time - lastTime;
    lastCpu = process.cpuUsage();
    lastTime = time;
    const usedMs = (cpu.user + cpu.system) / 1000;
    return {
      cpuPercent: elapsedMs > 0 ? (100 * usedMs) / elapsedMs : 0,
      rssBytes: process.memoryUsage.rss(),
    };
  };
}
