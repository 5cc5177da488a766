// Regenerates every generated file and fails when the output differs from what is committed.
import { execSync } from 'node:child_process';

const targets = ['src/generated', 'server/src/generated'];
execSync('npm run -s codegen', { stdio: ['ignore', 'ignore', 'inherit'] });
const drift = execSync(`git status --porcelain -- ${targets.join(' ')}`, { encoding: 'utf8' }).trim();
if (drift) {
  console.error('Generated code is stale. Run `npm run codegen` and commit the result:\n' + drift);
  process.exit(1);
}
console.log('codegen: generated files match schema/');
