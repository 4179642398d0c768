// Refreshes the user guide's screenshots (docs/screens/) from the e2e run's test-results/screens/, which the specs
// take at 1366×768 in zh-CN. Run `npm run test:e2e` first; a missing screen is an error, not a silent gap.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const from = path.join(root, 'test-results', 'screens');
const to = path.join(root, 'docs', 'screens');

/** Each screen the guide shows, by the name the e2e spec gives it. */
export const GUIDE_SCREENS = [
  '01-first-run.png',
  '02-overview-zh.png',
  '07-setup-roster.png',
  '04-dossiers-zh.png',
  '13-my-dossiers.png',
  'layout-1366x768-score-sheet.png',
  'layout-1366x768-submit-dialog.png',
  '06-attachment-viewer.png',
  '15-progress.png',
  'audit-log.png',
  'examiner-anomalies.png',
  'examiner-charts.png',
  '30-meeting-checkin.png',
  '31-meeting-voting.png',
  '33-meeting-paper-diff.png',
  '34-meeting-count-report.png',
  '36-meeting-full-signed.png',
  '34-meeting-prints.png',
  '40-result-bundle-exported.png',
];

const src = process.argv[2] ? path.resolve(process.argv[2]) : from;
const missing = GUIDE_SCREENS.filter((f) => !fs.existsSync(path.join(src, f)));
if (missing.length > 0) {
  console.error(`missing in ${src}: ${missing.join(', ')} (run the e2e specs first)`);
  process.exit(1);
}
fs.mkdirSync(to, { recursive: true });
for (const f of fs.readdirSync(to)) if (!GUIDE_SCREENS.includes(f)) fs.rmSync(path.join(to, f));
for (const f of GUIDE_SCREENS) fs.copyFileSync(path.join(src, f), path.join(to, f));
console.log(`${GUIDE_SCREENS.length} screens copied to docs/screens/`);
