"""The ways out to a course.

- `release`: the student bundle (`mpkit release`), with `public_graders`
  (the graders without hidden checks) and `leaks` (nothing hidden goes out)
- `batch`: a whole class, one child process per student, with
  `batch_fingerprints` (grade again only what changed)
- `classroom`: the GitHub Classroom workflow
- `nbgrader/`: the kit as an nbgrader assignment
- `gradescope/`: a Gradescope autograder made from the kit
"""
