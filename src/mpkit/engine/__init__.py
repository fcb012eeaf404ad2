"""The grading engine: pytest, the runs, and what the checks see of them.

- `plugin`: the pytest plugin (`pytest11` entry point): the `runs` fixture,
  the manifest's checks, the scorecard and the results
- `scheduler`: starts every run of the collected graders once, in the background
- `task_runs`: `TaskRuns`, a task's runs as its checks see them; a run that
  could not be judged becomes a failed check that says why
- `grader_source`: what a grader file says about its hidden checks (`ast`)
"""
