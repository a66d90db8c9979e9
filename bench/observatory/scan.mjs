// Scans https://<host:port>/ with the MDN HTTP Observatory and prints the grade, the score and each test.
// Usage: node scan.mjs localhost:5443 [required-grade]
// Exits 1 when the scan fails or the grade is below the required one (default A+).
import { scan } from "@mdn/mdn-http-observatory";

const [target, required = "A+"] = process.argv.slice(2);
if (!target) {
  console.error("usage: node scan.mjs HOST:PORT [REQUIRED_GRADE]");
  process.exit(2);
}

const order = ["F", "D-", "D", "D+", "C-", "C", "C+", "B-", "B", "B+", "A-", "A", "A+"];
try {
  const result = await scan(target);
  for (const [name, test] of Object.entries(result.tests)) {
    const modifier = test.scoreModifier > 0 ? `+${test.scoreModifier}` : `${test.scoreModifier}`;
    console.log(`${test.pass ? "pass" : "FAIL"}  ${modifier.padStart(4)}  ${name}: ${test.result}`);
  }
  const { grade, score, testsPassed, testsQuantity } = result.scan;
  console.log(`grade ${grade}, score ${score}, tests passed ${testsPassed}/${testsQuantity}`);
  process.exit(order.indexOf(grade) >= order.indexOf(required) ? 0 : 1);
} catch (error) {
  console.error(`scan failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
