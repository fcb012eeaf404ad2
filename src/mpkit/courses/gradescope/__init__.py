"""A Gradescope autograder made from the kit itself.

`build.write_zip` packs `setup.sh`, `run_autograder`, the kit (manifest,
graders, the task files the manifest names) and mpkit's own source into a
zip for Gradescope; `run` is what `run_autograder` calls on Gradescope to
grade one upload. Nothing is copied by hand, so the autograder always grades
with the same checks as `mpkit grade`.
"""
