import { createQuietApp } from '../../src/cli/quietApp.js';
import { readCases, runCases, summarize } from './evaluation.js';

// `npm run eval [-- --verbose] [case files…]`: accuracy per category on the golden set (default) or given files.
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const files = args.filter((a) => !a.startsWith('--'));
const app = await createQuietApp({ throwaway: true });
for (const file of files.length > 0 ? files : ['test/golden/golden.json']) {
  const results = await runCases(app, await readCases(file));
  const { byCategory, rate } = summarize(results);
  process.stdout.write(`${file}\n`);
  for (const r of results.filter((x) => verbose && !x.pass)) {
    process.stdout.write(`  FAIL ${r.id}: ${r.why.join('; ')}\n       ${r.reply.replace(/\s+/g, ' ').slice(0, 200)}\n`);
  }
  for (const [cat, [passed, total]] of byCategory) process.stdout.write(`  ${cat.padEnd(10)} ${passed}/${total}\n`);
  const passed = results.filter((r) => r.pass).length;
  process.stdout.write(`  accuracy ${passed}/${results.length} (${(rate * 100).toFixed(1)}%)\n`);
}
