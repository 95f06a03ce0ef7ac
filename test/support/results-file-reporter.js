/**
 * Writes jest's aggregated results to .data/jest-results.json (or $JEST_RESULTS_FILE), the same figures
 * `jest --json` prints, so that .ci/run can end with the plain `N passed, N failed` line CI reads.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

class ResultsFileReporter {
  constructor(globalConfig) {
    this.file = process.env.JEST_RESULTS_FILE || path.join(globalConfig.rootDir, '.data', 'jest-results.json');
  }

  onRunComplete(_contexts, results) {
    const summary = {
      // jest settles `results.success` only after the reporters have run: derive it from the counts.
      success:
        results.numFailedTests === 0 && results.numFailedTestSuites === 0 && results.numRuntimeErrorTestSuites === 0,
      numTotalTests: results.numTotalTests,
      numPassedTests: results.numPassedTests,
      numFailedTests: results.numFailedTests,
      numPendingTests: results.numPendingTests,
      numTotalTestSuites: results.numTotalTestSuites,
      numFailedTestSuites: results.numFailedTestSuites,
      numRuntimeErrorTestSuites: results.numRuntimeErrorTestSuites,
      startTime: results.startTime,
      durationMs: Date.now() - results.startTime,
    };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, JSON.stringify(summary, null, 2) + '\n');
  }
}

module.exports = ResultsFileReporter;
