/**
 * Preloaded (`node --require`) into a server being profiled: exit normally on SIGTERM, so that
 * `--cpu-prof` writes its profile (a process killed by a signal writes none).
 */
process.once('SIGTERM', () => process.exit(0));
