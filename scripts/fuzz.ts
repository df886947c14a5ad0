/**
 * `npm run fuzz [-- --scale N --seed S]`: the fuzz suite's generators (tests/factories/
 * hostile-requests.ts), run longer against a built server on loopback: every API route that reads
 * a body gets malformed JSON, wrong content types, cut multipart bodies, oversized bodies and
 * unknown methods, `scale` times the seeded variations of `npm test`. Prints each endpoint's
 * answers by status, anything that was not a 4xx JSON error, the time taken and the server's
 * memory growth; exits 1 if any answer was wrong or the server stopped answering.
 */
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD } from '../src/lib/accounts/index.ts';
import { runFuzz, writeEndpoints, type FuzzAnswer } from '../tests/helpers/fuzz.ts';
import { isAlive, rssMb } from '../tests/helpers/raw-http.ts';
import { ensureBuilt, startServer } from '../tests/helpers/server.ts';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '10' }, seed: { type: 'string', default: String(Date.now() % 100_000) } } });
const scale = Number(values.scale);
const seed = Number(values.seed);
ensureBuilt();
const server = await startServer();
try {
  const cookies: Record<string, string> = {};
  for (const user of ['ana', 'admin']) {
    const response = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { origin: server.url, 'content-type': 'application/json' }, body: JSON.stringify({ email: `${user}@healed.test`, password: DEMO_PASSWORD }) });
    cookies[user] = response.headers.getSetCookie()[0]!.split(';')[0]!;
  }
  const draft = await fetch(`${server.url}/api/submissions`, {
    method: 'POST',
    headers: { origin: server.url, cookie: cookies.ana!, 'content-type': 'application/json' },
    body: JSON.stringify({ treatment: 'scar-correction', profile: { fitzpatrick: 'IV', scarType: 'fut' }, sessions: ['2025-03-01'] }),
  });
  const draftId = ((await draft.json()) as { id: string }).id;
  // A real client link, so the link page's posts reach its body readers.
  const link = await fetch(`${server.url}/api/submissions/${draftId}/client-link`, { method: 'POST', headers: { origin: server.url, cookie: cookies.ana! } });
  const clientToken = ((await link.json()) as { url: string }).url.split('/client/')[1]!;
  const endpoints = writeEndpoints();
  console.log(`fuzz: seed ${seed}, scale ${scale}, ${endpoints.length} endpoints, server ${server.url}`);
  const before = rssMb(server.pid);
  const started = performance.now();
  const byEndpoint = new Map<string, Map<number | string, number>>();
  const tally = (answer: FuzzAnswer) => {
    const counts = byEndpoint.get(answer.endpoint) ?? new Map();
    const key = answer.problem ? 'wrong' : (answer.status ?? 'none');
    counts.set(key, (counts.get(key) ?? 0) + 1);
    byEndpoint.set(answer.endpoint, counts);
  };
  const answers = await runFuzz(server.url, endpoints, {
    seed,
    scale,
    fill: (pattern) => pattern.replace('/submissions/[id]', `/submissions/${draftId}`).replace('[token]', clientToken).replace('[id]', 'fuzz-made-up-id'),
    headersFor: (pattern) => ({ origin: server.url, ...(pattern.includes('/auth/login') ? {} : { cookie: cookies[pattern.startsWith('/api/admin/') ? 'admin' : 'ana']! }) }),
    onAnswer: tally,
  });
  const seconds = (performance.now() - started) / 1000;
  for (const [endpoint, counts] of byEndpoint) console.log(`  ${endpoint.padEnd(48)} ${[...counts].map(([status, n]) => `${status}×${n}`).join('  ')}`);
  const wrong = answers.filter((a) => a.problem || a.status === undefined || a.status < 400 || a.status >= 500);
  for (const answer of wrong.slice(0, 20)) console.log(`  WRONG ${answer.endpoint} ${answer.kind}: ${answer.status ?? ''} ${answer.problem ?? ''}`);
  const serving = isAlive(server.pid) && (await fetch(`${server.url}/api/health`)).status === 200;
  console.log(`fuzz: ${answers.length} requests in ${seconds.toFixed(1)} s, ${wrong.length} wrong, RSS ${before.toFixed(0)} → ${rssMb(server.pid).toFixed(0)} MB, server ${serving ? 'still serving' : 'NOT SERVING'}`);
  process.exitCode = wrong.length === 0 && serving ? 0 : 1;
} finally {
  await server.stop();
}
