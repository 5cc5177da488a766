// npm always packs the package root's README.md; the repository's README is for contributors
// (it starts with `npm install && npm run demo`), so `npm pack` / `npm publish` ship
// docs/package-readme.md instead: `prepack` swaps it in, `postpack` puts the repository's back.
// A swap left behind by an interrupted pack is undone first, so the repository README is never lost.
import { copyFileSync, existsSync, renameSync } from 'node:fs';

const readme = 'README.md';
const kept = '.repository-readme.md';
const step = process.argv[2];

if (existsSync(kept)) renameSync(kept, readme);
if (step === 'in') {
  renameSync(readme, kept);
  copyFileSync('docs/package-readme.md', readme);
} else if (step !== 'out') {
  console.error('usage: node scripts/package-readme.mjs in|out');
  process.exit(2);
}
