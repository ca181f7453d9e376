// Comment load test: `npx tsc -p . && node dist/scripts/load-comments.js [submissions] [clients] [floodSeconds]`
// Prints the figures recorded in docs/benchmarks.md.
import { runCommentLoad } from '../src/comments/testing.js'

const [submissions = 1000, clients = 50, floodSeconds = 1] = process.argv.slice(2).map(Number)
const report = await runCommentLoad({ submissions, clients, floodSeconds })
console.log(JSON.stringify(report, null, 2))
if (report.lost || report.duplicated || report.unclear || report.stored !== report.accepted) {
  console.error('FAILED: some submissions were lost, duplicated or answered unclearly')
  process.exit(1)
}
