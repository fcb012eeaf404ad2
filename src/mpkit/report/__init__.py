"""What a grading says, in each form it is read.

- `results`: the results (`Report`, `TaskSummary`, `CheckResult`), the
  scorecard text and the Gradescope JSON
- `timeline`: when each process of a run lived, printed and was joined
- `html`: the `--html` page (with the timelines as SVG)
- `gradebook`: a class's results as one CSV and a summary table
- `progress`: the progress bar or log lines of a batch
"""
