/** `npm run dev`: Astro's dev server on this Node (the route cache is off in dev, by Astro's design). */
import { runCommand } from './lib/run-command.ts';

await runCommand(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', ...process.argv.slice(2)]);
