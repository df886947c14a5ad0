/**
 * `npm run check`: validates all of portfolios/ and fails naming the file, the field and the fix
 * for each problem. Also checks each photo's sha256 against its file.
 */
import { configFromProcess } from '../src/lib/config/from-process.ts';
import { checkPortfolios } from './lib/check-portfolios.ts';

const config = configFromProcess();
const result = await checkPortfolios(config.portfoliosDir);
for (const line of result.lines) console.error(line);
console.log(`check: ${result.practitioners} practitioners, ${result.cases} cases, ${result.photos} photos in ${config.portfoliosDir}: ${result.lines.length ? `${result.lines.length} problems` : 'all valid'}`);
process.exitCode = result.lines.length ? 1 : 0;
