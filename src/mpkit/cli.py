"""The `mpkit` command: a thin layer that parses options and calls the library."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import MpkitError


def _kit(args) -> Path:
    from .kit.manifest import find_kit

    return Path(args.kit).resolve() if args.kit else find_kit()


def cmd_grade(args) -> int:
    if args.batch:
        return cmd_grade_batch(args)
    if args.submission is None:
        raise MpkitError("grade: give a submission folder (with --free-form: a notebook), or --batch "
                         "SUBMISSIONS_DIR --out RESULTS_DIR")
    if args.jobs is not None or args.force:
        raise MpkitError("grade: --jobs and --force go with --batch")
    import json

    if args.free_form:
        from .freeform.grade import grade_free_form

        report = grade_free_form(_kit(args), Path(args.submission), public_only=args.public_only,
                                 require_kernel_sandbox=args.require_kernel_sandbox)
    else:
        from .grade import grade_submission

        report = grade_submission(_kit(args), Path(args.submission), public_only=args.public_only,
                                  require_kernel_sandbox=args.require_kernel_sandbox)
    _say_platform_notes()
    if report.sandbox.get("text"):
        print(f"mpkit: {report.sandbox['text']}", file=sys.stderr)
    from .report.results import gradescope

    if args.html:
        from .report.html import write_html_report

        write_html_report(report, Path(args.html))
    if args.timeline:
        from .report.results import scorecard

        print(scorecard(report, timeline=True), file=sys.stderr)

    text = json.dumps(gradescope(report), indent=2)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    if report.grader_errors:
        for c in report.grader_errors:
            print(f"mpkit: grader error in {c.task_id}.{c.check_id}:\n{c.details}", file=sys.stderr)
        return 3
    return 0


def _say_platform_notes() -> None:
    """Limits the sandbox cannot apply here (for example RLIMIT_NPROC as root), said once."""
    from .sandbox.runner import platform_notes

    for note in platform_notes():
        print(f"mpkit: note: {note}", file=sys.stderr)


def cmd_grade_batch(args) -> int:
    from .courses.batch import BatchOptions, grade_batch
    from .report.progress import for_stream

    if args.submission is not None:
        raise MpkitError("grade: give either a submission folder or --batch SUBMISSIONS_DIR, not both")
    if not args.out:
        raise MpkitError("grade --batch: --out RESULTS_DIR is required")
    options = BatchOptions(kit=_kit(args), submissions=Path(args.batch), out=Path(args.out), jobs=args.jobs,
                           public_only=args.public_only, force=args.force, html=args.html,
                           require_kernel_sandbox=args.require_kernel_sandbox,
                           free_form=args.free_form)
    if args.require_kernel_sandbox:
        from .grade import refuse_without_kernel_sandbox

        refuse_without_kernel_sandbox()
    result = grade_batch(options, for_stream(sys.stderr))
    print(result.report())
    return 3 if result.failed else 0


def cmd_release(args) -> int:
    from .courses.release import release

    out = release(_kit(args), Path(args.out_dir))
    print(f"wrote the student bundle to {out}")
    return 0


def cmd_gradescope(args) -> int:
    from .courses.gradescope.build import write_zip

    files = write_zip(_kit(args), Path(args.out_zip))
    print(f"wrote {args.out_zip} ({len(files)} files): upload it as the assignment's autograder on Gradescope")
    return 0


def cmd_classroom(args) -> int:
    from .courses import classroom
    from .grade import grade_submission
    from .report.results import scorecard

    report = grade_submission(_kit(args), Path(args.submission), public_only=True)
    print(scorecard(report, timeline=args.timeline))
    print(classroom.points_line(report))
    classroom.publish(report)
    return 3 if report.grader_errors else 0


def cmd_nbgrader(args) -> int:
    from .courses.nbgrader.build import write_course

    course = Path(args.course_dir)
    notebook, missing = write_course(_kit(args), course, args.assignment)
    if missing:
        print(f"mpkit: warning: add {', '.join(missing)} to c.CourseDirectory.ignore in {course / 'nbgrader_config.py'}, "
              "or nbgrader releases the solution files a run of the source notebook writes", file=sys.stderr)
    print(f"wrote {notebook}; next: cd {course} && nbgrader generate_assignment {args.assignment}")
    return 0


def cmd_stubs(args) -> int:
    from .kit.manifest import load_manifest
    from .kit.stubs import drifted, write_stubs

    manifest = load_manifest(_kit(args) / "config" / "manifest.yaml", stubs_exist=False)
    if args.check:
        stale = drifted(manifest)
        for path in stale:
            print(f"{path}: differs from the stub made from its solution (run `mpkit stubs`)", file=sys.stderr)
        return 1 if stale else 0
    for path in write_stubs(manifest):
        print(f"wrote {path}")
    return 0


def cmd_check_manifest(args) -> int:
    from .kit.manifest import load_manifest

    manifest = load_manifest(_kit(args) / "config" / "manifest.yaml")
    checks = sum(len(t.checks) for t in manifest.tasks)
    print(f"{manifest.path}: {len(manifest.tasks)} tasks, {checks} checks, {manifest.points:g} points")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mpkit", description="Auto-graded multiprocessing exercises.")
    parser.add_argument("--kit", metavar="DIR", help="the kit folder (default: found from the current folder)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    grade = sub.add_parser("grade", help="grade one submission folder (or a class: --batch); Gradescope results.json")
    grade.add_argument("submission", nargs="?", help="folder holding the student's task files")
    grade.add_argument("--out", metavar="FILE", help="write the JSON to FILE instead of standard output "
                       "(with --batch: the RESULTS_DIR folder)")
    grade.add_argument("--batch", metavar="SUBMISSIONS_DIR",
                       help="grade every subfolder (one per student, named by student id) in parallel; "
                       "writes RESULTS_DIR/<student>/results.json and RESULTS_DIR/grades.csv")
    grade.add_argument("--jobs", type=int, metavar="N", help="with --batch: gradings at once (default: CPU count)")
    grade.add_argument("--force", action="store_true", help="with --batch: grade again even what did not change")
    grade.add_argument("--public-only", action="store_true", help="leave out hidden checks")
    grade.add_argument("--require-kernel-sandbox", action="store_true",
                       help="refuse to grade (exit 4) where the kernel sandbox (Linux Landlock) is missing")
    grade.add_argument("--free-form", action="store_true",
                       help="grade answers in the student's own form: SUBMISSION is a notebook (.ipynb), a notebook "
                       "exported as a script (.py) or a folder of q3.py, q5.py, ... (with --batch: one per student)")
    grade.add_argument("--html", metavar="REPORT.html",
                       help="also write feedback as a web page, with a timeline of each task's processes "
                       "(with --batch: the file name of each student's page in RESULTS_DIR/<student>/)")
    grade.add_argument("--timeline", action="store_true",
                       help="also print the scorecard with each task's process timeline (to standard error)")
    grade.set_defaults(func=cmd_grade)

    release = sub.add_parser("release", help="write the student bundle: stubs, public checks, no secrets")
    release.add_argument("out_dir", metavar="OUT_DIR", help="a new (or empty) folder for the bundle")
    release.set_defaults(func=cmd_release)

    scope = sub.add_parser("gradescope", help="write a Gradescope autograder zip (all checks, hidden ones too)")
    scope.add_argument("out_zip", metavar="OUT.zip", help="the zip file to write")
    scope.set_defaults(func=cmd_gradescope)

    room = sub.add_parser("classroom", help="grade the public checks; print the scorecard and 'Points X/Y' "
                          "(and the result GitHub Classroom reads, in GitHub Actions)")
    room.add_argument("submission", nargs="?", default="exercises", help="folder to grade (default: exercises)")
    room.add_argument("--timeline", action="store_true", help="show each task's process timeline")
    room.set_defaults(func=cmd_classroom)

    stubs = sub.add_parser("stubs", help="write exercises/ from solutions/ (or --check for drift)")
    stubs.add_argument("--check", action="store_true", help="only report stubs that differ; exit 1 if any")
    stubs.set_defaults(func=cmd_stubs)

    manifest = sub.add_parser("manifest", help="validate config/manifest.yaml and summarise it")
    manifest.set_defaults(func=cmd_check_manifest)

    nb = sub.add_parser("nbgrader", help="write an nbgrader source assignment (notebook) into a course folder")
    nb.add_argument("course_dir", metavar="COURSE_DIR", help="the nbgrader course folder (created if missing)")
    nb.add_argument("--assignment", default="multiprocessing", metavar="NAME",
                    help="the assignment's name (default: multiprocessing)")
    nb.set_defaults(func=cmd_nbgrader)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except MpkitError as exc:
        print(exc.show(), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:  # the work in progress has been stopped on the way out
        print("mpkit: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
