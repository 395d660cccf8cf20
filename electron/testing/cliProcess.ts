import { main } from '../cli/main.js';

// `benchtop` from source in a process of its own (tests that kill it: node --import tsx cliProcess.ts ARGS).
process.exitCode = await main(process.argv.slice(2));
