// Entry point of every `npm run` script: plain JavaScript so any Node can parse it, it checks the
// version first and only then loads the TypeScript script (Node >= 22.12 strips types itself).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Healed needs Node.js 22.12 or newer but found ${process.version}: run \`npm install\` (never with --ignore-scripts) so npm scripts use the project's Node 24 from node_modules/.bin, or install Node 24 yourself.`,
  );
  process.exit(1);
}
const [name, ...rest] = process.argv.slice(2);
if (!name || !/^[a-z][a-z0-9:-]*$/.test(name)) {
  console.error('usage: node scripts/run.mjs <script-name> [args…]');
  process.exit(2);
}
process.argv = [process.argv[0], new URL(`./${name}.ts`, import.meta.url).pathname, ...rest];
await import(`./${name}.ts`);
