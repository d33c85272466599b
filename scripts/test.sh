#!/usr/bin/env bash
# `npm test`: the whole suite. On Debian as root it first sets up the lab the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh

step() { printf '\n=== %s\n' "$*"; }

step "Lab: Docker engine, registries, Chromium, fixture images"
bash scripts/lab.sh up

step "Fresh clone: Node bootstrap and install from a bare environment"
bash scripts/check-fresh-clone.sh

step "Lint"
npx eslint .
step "Type check"
npx tsc -b
step "Build"
npx electron-vite build
node scripts/bundle-budget.mjs
step "Electron security scan"
node scripts/electronegativity.mjs

mkdir -p test-results
rm -f test-results/*.json
status=0
for project in unit integration e2e; do
  step "Tests: $project"
  npx vitest run --project "$project" --reporter=default --reporter=json --outputFile="test-results/$project.json" || status=1
done

# One closing line over all three projects.
node -e '
  const fs = require("node:fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const p of ["unit", "integration", "e2e"]) {
    const file = `test-results/${p}.json`;
    if (!fs.existsSync(file)) { failed++; continue; }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
    // A file that failed before running any test (import error) counts as a failure too.
    failed += r.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
  }
  console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (passed === 0) process.exit(1);
' || status=1
exit "$status"
