#!/usr/bin/env python3
"""Sums the TRX files of one test run into the single line ./test.sh ends with.

Usage: summarize.py RESULTS_DIR
Prints "N passed, N failed, N skipped" (summed over every *.trx under RESULTS_DIR) and exits 1 when a test
failed, a test run itself failed (crashed test host, aborted run), or no test ran at all; 0 otherwise.
Per-file problems go to stderr so the last line of stdout stays the summary.
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
PASSED = {"Passed", "PassedButRunAborted", "Warning"}
SKIPPED = {"NotExecuted", "Inconclusive", "NotRunnable", "Pending", "Disconnected"}
# Anything else (Failed, Error, Timeout, Aborted, ...) counts as a failure: an unknown outcome must not pass silently.
RUN_FAILED = {"Failed", "Error", "Timeout", "Aborted"}


def count_file(path):
    """Returns (passed, failed, skipped) for one TRX file."""
    root = ET.parse(path).getroot()
    passed = failed = skipped = 0
    # Only top-level results: data-row children (InnerResults) are already summarized by their parent.
    for result in root.findall("t:Results/t:UnitTestResult", NS):
        outcome = result.get("outcome", "")
        if outcome in PASSED:
            passed += 1
        elif outcome in SKIPPED:
            skipped += 1
        else:
            failed += 1
    summary = root.find("t:ResultSummary", NS)
    run_outcome = summary.get("outcome", "") if summary is not None else ""
    if run_outcome in RUN_FAILED and failed == 0:
        # The run failed without a failing test (e.g. the test host crashed): count it so it cannot pass.
        print(f"summarize: {path.name}: test run outcome {run_outcome} with no failed test; counting 1 failure",
              file=sys.stderr)
        failed = 1
    return passed, failed, skipped


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    files = sorted(Path(argv[1]).rglob("*.trx"))
    totals = [0, 0, 0]
    for path in files:
        try:
            counts = count_file(path)
        except ET.ParseError as error:
            print(f"summarize: {path}: unreadable TRX ({error}); counting 1 failure", file=sys.stderr)
            counts = (0, 1, 0)
        totals = [a + b for a, b in zip(totals, counts)]
    passed, failed, skipped = totals
    if not files:
        print(f"summarize: no TRX files under {argv[1]}", file=sys.stderr)
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or passed + failed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
