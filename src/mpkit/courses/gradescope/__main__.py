"""`python -m mpkit.courses.gradescope --kit SOURCE --root ROOT`: what run_autograder calls."""
import argparse
import sys

from ...errors import MpkitError
from .run import grade_upload


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mpkit.courses.gradescope")
    parser.add_argument("--kit", required=True, help="the unpacked autograder zip")
    parser.add_argument("--root", required=True, help="Gradescope's /autograder (holds submission/ and results/)")
    args = parser.parse_args(argv)
    try:
        return grade_upload(args.kit, args.root)
    except MpkitError as exc:
        print(exc.show(), file=sys.stderr)
        return exc.exit_code


sys.exit(main())
