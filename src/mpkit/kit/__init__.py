"""What the course's files are: the manifest, the stubs made from the
solutions, a submission's task files, and the submission as handed in.

- `manifest`: `config/manifest.yaml`, read strictly (tasks, checks, points)
- `stubs`: the stub files, derived from the solutions' marked regions
- `submission_files`: where a submission's task files are, staged for grading
- `handed_in`: a snapshot of the submission, to put back what a run changed
"""
