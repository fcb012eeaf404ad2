"""The free-form edition: answers as students write them (a notebook, an
exported script, a folder of scripts), found per question and graded by what
their programs' processes did (`mpkit grade --free-form PATH`).

- `cells`: reading a notebook, an exported script or a folder into cells;
- `questions`: finding each question's part and its program in those cells;
- `grade`: running each program in the sandbox and judging it with the
  free-form graders (graders/free_form/), into the kit's usual Report.
"""
