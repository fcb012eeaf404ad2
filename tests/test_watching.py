"""Watching must not change what is watched (issue 14), in real runs.

1. Calls: the recorder watches a task's functions without replacing them
   (sys.monitoring on Python 3.12+, the function's code replaced in place on
   3.10/3.11: run this file under both). Inside the run, in the parent and in
   a child of each start method, the module's function and every reference
   to it taken at import stay the same object and pickle by name; the calls
   made through those references, in pool workers and threads, are recorded
   with their arguments, results and exceptions.
2. Values: a PID a child sends is seen inside any picklable structure
   (read from the pickle stream), and a number that is not its PID is not.
"""
from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from mpkit.sandbox.runner import RunSpec, run

WATCHED = """
    import functools, multiprocessing, pickle, sys, threading
    from multiprocessing.reduction import ForkingPickler

    def worker(x):
        if x < 0:
            raise ValueError("negative")
        return x * x

    def logged(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            return func(*args, **kwargs)
        return wrapper

    @logged
    def decorated(x):
        return x + 1

    @logged
    def twin(x):  # its wrapper shares decorated's code, but it is not watched
        return x - 1

    class Holder:
        fn = staticmethod(worker)
        plain = worker

    def with_default(x, fn=worker):
        return fn(x)

    REFS = {"dict": worker, "list": [worker][0], "partial": functools.partial(worker).func,
            "default": with_default.__defaults__[0], "static": Holder.fn, "class": Holder.__dict__["plain"]}
    REPR = repr(worker)
    WRAPPED = decorated.__wrapped__

    def problems():
        \"\"\"What watching changed, as seen from inside this process.\"\"\"
        found = []
        module = sys.modules[__name__]
        for name, ref in REFS.items():
            if ref is not module.worker:
                found.append(f"{name} is not the module's worker")
        for func in (module.worker, module.decorated):
            for pickled in (pickle.dumps(func), bytes(ForkingPickler.dumps(func))):
                if pickle.loads(pickled) is not func or func.__name__.encode() not in pickled:
                    found.append(f"{func.__name__} does not pickle by name")
        if repr(module.worker) != REPR or not REPR.startswith("<function worker at "):
            found.append(f"repr changed: {repr(module.worker)}")
        if (module.worker.__module__, module.worker.__qualname__) != (__name__, "worker"):
            found.append("module or qualname changed")
        if hasattr(module.worker, "__wrapped__") or module.decorated.__wrapped__ is not WRAPPED \\
                or hasattr(WRAPPED, "__wrapped__"):
            found.append("a __wrapped__ appeared")
        return found

    CODE = worker.__code__

    def how():
        monitoring = getattr(sys, "monitoring", None)
        if monitoring and any(monitoring.get_tool(tool) == "mpkit" for tool in range(6)):
            return "monitoring" if worker.__code__ is CODE else "both"
        return "code" if worker.__code__ is not CODE else "none"

    def check():
        for switch_off in (sys.setprofile, sys.settrace):  # what a student's code may try: the watch goes on
            try:
                switch_off(None)
            except PermissionError:  # the guard refuses it where it runs
                pass
        found = problems()
        with multiprocessing.Pool(2) as pool:
            found += pool.apply(problems)
            squares = pool.map(REFS["dict"], [1, 2, 3])
            through_default = pool.map(with_default, [4])
            plus = pool.map(decorated, [5])
        thread = threading.Thread(target=REFS["list"], args=(6,))
        thread.start()
        thread.join()
        try:
            REFS["static"](-1)
        except ValueError:
            pass
        twin(7)
        return [found, squares, through_default, plus]
"""


def task(tmp_path: Path, name: str, source: str) -> Path:
    path = tmp_path / f"{name}.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def ended(record, kind: str, fn: str) -> list[dict]:
    return [e for e in record.events if e["e"] == kind and e.get("fn") == fn]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_watched_functions_stay_themselves_and_their_calls_are_recorded(tmp_path, method):
    record = run(RunSpec(function="check", start_method=method, watch_calls=("worker", "decorated")),
                 task(tmp_path, "watched_task", WATCHED))
    end = record.first("call_end")
    assert end is not None, record.first("call_error") or record.events[-5:]
    problems, squares, through_default, plus = end["value"]
    assert problems == [], problems
    assert (squares, through_default, plus) == ([1, 4, 9], [16], [6])

    workers = {p.pid for p in record.pool_workers()}
    assert len(workers) == 2
    calls = record.calls("worker")
    in_workers = sorted(c["args"][0] for c in calls if c["pid"] in workers)
    assert in_workers == [1, 2, 3, 4], calls  # through a dict, and a default argument
    threads = {e["thread"] for e in record.thread_starts() if e["pid"] == record.main_pid}
    assert [c["args"] for c in calls if c["pid"] == record.main_pid and c["thread"] in threads] == [[6]]
    assert [c["args"] for c in calls if c["pid"] == record.main_pid] == [[6], [-1]]
    assert sorted(e["value"] for e in ended(record, "return", "worker")) == [1, 4, 9, 16, 36]
    assert [(e["pid"], e["error"]) for e in ended(record, "raise", "worker")] == [(record.main_pid, "ValueError")]

    # The decorated function's wrapper is watched; its twin (same code, another closure) is not.
    assert [(c["args"], c["pid"] in workers) for c in record.calls("decorated")] == [([5], True)]
    assert [e["value"] for e in ended(record, "return", "decorated")] == [6]
    assert not record.of_kind("recorder_skipped")


def test_the_watch_on_this_python(tmp_path):
    """Which of the two ways this interpreter uses, seen from inside a run (run
    this file on 3.10-3.13): a sys.monitoring tool of the kit's, or the
    function's code replaced (same function object, same signature)."""
    record = run(RunSpec(function="how", watch_calls=("worker",)), task(tmp_path, "watched_task", WATCHED))
    assert record.first("call_end")["value"] == ("monitoring" if sys.version_info >= (3, 12) else "code")


STRUCTURES = """
    import collections, dataclasses, enum, multiprocessing, os

    PAD = "x" * 300  # a message longer than the raw-bytes reading looks at

    Point = collections.namedtuple("Point", "pid pad")

    @dataclasses.dataclass(frozen=True, slots=True)
    class Frozen:
        pid: int
        pad: str = PAD

    class Slotted:
        __slots__ = ("pid", "pad")

        def __init__(self, pid):
            self.pid, self.pad = pid, PAD

    class Reduced:
        __slots__ = ("secret",)

        def __init__(self, secret):
            self.secret = secret

        def __reduce__(self):
            return (Reduced, (self.secret,))

    class Colour(enum.Enum):
        RED = "red"

    def make(kind, pid):
        return {
            "slots": lambda: Slotted(pid),
            "namedtuple": lambda: Point(pid, PAD),
            "frozen": lambda: Frozen(pid),
            "reduce": lambda: [Reduced(pid), PAD],
            "enum_deep": lambda: (Colour.RED, {"a": [[[[[(Colour.RED, pid)]]]]]}, PAD),
            "text": lambda: Slotted(f"pid={pid}"),
            "parent": lambda: Frozen(os.getppid()),
        }[kind]()

    def send(conn, kind):
        conn.send(make(kind, os.getpid()))

    def put(queue, kind):
        queue.put(make(kind, os.getpid()))

    def made(kind):
        return make(kind, os.getpid())

    def run_it(kind, channel):
        if channel == "pool":
            with multiprocessing.Pool(1) as pool:
                pool.apply(made, (kind,))
            return
        if channel == "pipe":
            mine, theirs = multiprocessing.Pipe()
            child = multiprocessing.Process(target=send, args=(theirs, kind))
            child.start()
            mine.recv()
            child.join()
            return
        if channel == "manager":
            with multiprocessing.Manager() as manager:
                return through(manager.Queue(), kind)
        through({"queue": multiprocessing.Queue, "simple": multiprocessing.SimpleQueue}[channel](), kind)

    def through(queue, kind):
        child = multiprocessing.Process(target=put, args=(queue, kind))
        child.start()
        queue.get()
        child.join()
"""

CASES = [(kind, "pipe", "fork") for kind in ("slots", "namedtuple", "frozen", "reduce", "enum_deep", "text")] + [
    ("frozen", channel, method) for channel in ("queue", "simple", "manager", "pool") for method in ("fork", "spawn")]


@pytest.mark.parametrize("kind, channel, method", CASES, ids=["-".join(c) for c in CASES])
def test_a_pid_sent_inside_any_structure_is_seen(tmp_path, kind, channel, method):
    record = run(RunSpec(function="run_it", args=(kind, channel), start_method=method),
                 task(tmp_path, "structures", STRUCTURES))
    assert record.first("call_end") is not None, record.first("call_error")
    senders = [p for p in record.children() if p.sent_own_pid and not p.is_manager]
    assert len(senders) == 1, [(p.pid, p.sent_own_pid) for p in record.children()]
    assert senders[0].pid in record.main.received_pids


@pytest.mark.parametrize("channel", ["pipe", "queue"])
def test_a_number_that_is_not_the_senders_pid_is_not_taken_for_it(tmp_path, channel):
    record = run(RunSpec(function="run_it", args=("parent", channel)), task(tmp_path, "structures", STRUCTURES))
    assert record.first("call_end") is not None, record.first("call_error")
    child = [p for p in record.own_children() if not p.is_manager]
    assert len(child) == 1 and not child[0].sent_own_pid
    assert child[0].pid not in record.main.received_pids
