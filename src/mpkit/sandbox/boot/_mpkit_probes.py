"""Functions the graders hand to student code (for example to parallel_map).

Each records, through the run recorder, which process called it with which
argument, so a grader sees where the work really ran.
"""
import _mpkit_trace

# Each probe's emit is bound when it is defined: the task's code can replace _mpkit_trace.emit.


class ProbeError(Exception):
    """Raised on purpose by a probe, to see whether it reaches the caller."""


def square(x, _emit=_mpkit_trace.emit):
    _emit("probe", fn="square", arg=x)
    return x * x


def negate(x, _emit=_mpkit_trace.emit):
    _emit("probe", fn="negate", arg=x)
    return -x


def fail_on_three(x, _emit=_mpkit_trace.emit):
    _emit("probe", fn="fail_on_three", arg=x)
    if x == 3:
        raise ProbeError("the grader's function failed on purpose for 3")
    return x


def square_slow_big(x, _emit=_mpkit_trace.emit):
    """x * x; half a second for x >= 100. A big first item then finishes last,
    so results gathered in the order they finish come out of order every time."""
    _emit("probe", fn="square_slow_big", arg=x)
    if x >= 100:
        import time

        time.sleep(0.5)
    return x * x
