"""Checks summarize.py on hand-written TRX files (run by ./test.sh before the .NET tests)."""
import io
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import summarize

TRX = """<?xml version="1.0" encoding="utf-8"?>
<TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
  <Results>{results}</Results>
  <ResultSummary outcome="{outcome}"><Counters total="0" /></ResultSummary>
</TestRun>"""


def result(outcome):
    return f'<UnitTestResult testName="t" outcome="{outcome}" />'


class SummarizeTests(unittest.TestCase):
    def run_on(self, *files):
        with tempfile.TemporaryDirectory() as folder:
            for index, (outcomes, run_outcome) in enumerate(files):
                text = TRX.format(results="".join(result(o) for o in outcomes), outcome=run_outcome)
                Path(folder, f"project{index}", f"run{index}.trx").parent.mkdir()
                Path(folder, f"project{index}", f"run{index}.trx").write_text(text, encoding="utf-8")
            out = io.StringIO()
            with redirect_stdout(out), redirect_stderr(io.StringIO()):
                code = summarize.main(["summarize.py", folder])
        return out.getvalue().strip().splitlines()[-1], code

    def test_sums_every_file_and_passes_when_nothing_failed(self):
        line, code = self.run_on((["Passed", "Passed", "NotExecuted"], "Completed"), (["Passed"], "Completed"))
        self.assertEqual(line, "3 passed, 0 failed, 1 skipped")
        self.assertEqual(code, 0)

    def test_a_failed_test_fails_the_run(self):
        line, code = self.run_on((["Passed", "Failed", "Error"], "Failed"))
        self.assertEqual(line, "1 passed, 2 failed, 0 skipped")
        self.assertEqual(code, 1)

    def test_a_crashed_run_without_failed_tests_counts_as_a_failure(self):
        line, code = self.run_on((["Passed"], "Aborted"))
        self.assertEqual(line, "1 passed, 1 failed, 0 skipped")
        self.assertEqual(code, 1)

    def test_no_tests_at_all_fails(self):
        line, code = self.run_on(([], "Completed"))
        self.assertEqual(line, "0 passed, 0 failed, 0 skipped")
        self.assertEqual(code, 1)

    def test_only_skipped_tests_fails(self):
        line, code = self.run_on((["NotExecuted"], "Completed"))
        self.assertEqual(line, "0 passed, 0 failed, 1 skipped")
        self.assertEqual(code, 1)


if __name__ == "__main__":
    unittest.main()
