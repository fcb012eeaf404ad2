"""The kit as an nbgrader assignment.

- `parts`: a solution file cut into what the notebook shows (the module, the
  quiz, the written explanation), with nbgrader's solution markers;
- `build`: the notebook (made with nbformat) and the course folder that
  `mpkit nbgrader COURSE_DIR` writes;
- `cells`: what the notebook's test cells call inside the Jupyter kernel;
- `grade_task`: the grading those cells start, in a separate process.
"""
