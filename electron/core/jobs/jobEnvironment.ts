/** glibc ≥ 2.35: malloc asks for transparent huge pages (madvise) on the memory it maps. */
const HUGE_PAGES = 'glibc.malloc.hugetlb=1';

/**
 * The environment of a job process: main's, run as plain Node inside Electron, and on Linux with
 * malloc's huge pages. A job fills tens to hundreds of megabytes of fresh columns; with 4 KiB
 * pages each page's first write is a fault of its own (a 1M × 10 import touches ~80 MB of
 * columns: ~20,000 faults), with 2 MiB pages 512 times fewer. Where THP is `never`, glibc is
 * older or not glibc, the tunable is ignored. A `glibc.malloc.hugetlb` the user set is kept.
 */
export function jobEnvironment(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, ELECTRON_RUN_AS_NODE: '1' };
  if (platform !== 'linux') return out;
  const tunables = env.GLIBC_TUNABLES ?? '';
  if (!/(^|:)glibc\.malloc\.hugetlb=/.test(tunables))
    out.GLIBC_TUNABLES = tunables ? `${tunables}:${HUGE_PAGES}` : HUGE_PAGES;
  return out;
}
