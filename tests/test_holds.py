"""Children held at their exit until their parent waits (sandbox/holds.py),
on real runs: what the parent's looks, polls and waits see, why each child
went on, and what the cross-check counts as a wait."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from mpkit.sandbox import holds, observer
from mpkit.sandbox.runner import Limits, RunSpec, run

pytestmark = pytest.mark.skipif(observer.unavailable() is not None, reason=f"{observer.unavailable()}")
OBSERVED = Limits(time_limit=20, observe=True)

CODE = """
    import multiprocessing, os, select, time

    def quick():
        pass

    def nap():
        time.sleep(0.3)

    def started(target=quick, *args):
        p = multiprocessing.Process(target=target, args=args)
        p.start()
        return p

    def done(event):
        event.set()

    def looks_then_join():
        # Long after the child's code is over: every look still says running.
        event = multiprocessing.Event()
        p = started(done, event)
        event.wait(10)
        time.sleep(0.3)
        seen = [p.is_alive(), p.exitcode, "started" in repr(p), len(multiprocessing.active_children())]
        p.join()
        return [p.pid, seen, p.exitcode]

    def waitpid_polls():
        p = started()
        polls = 1
        while os.waitpid(p.pid, os.WNOHANG) == (0, 0):
            polls += 1
        return [p.pid, polls]

    def looks_in_a_loop():
        # A loop the recorder takes for looks (the call is in no condition).
        p = started()
        while True:
            ended = not p.is_alive()
            if ended:
                break
            time.sleep(0.01)
        q = started()
        p.join()
        q.join()
        return [p.pid, q.pid]

    def join_while_running():
        p = started(nap)
        p.join()
        return [p.pid, p.exitcode]

    def grandchild():
        inner = multiprocessing.Process(target=quick)
        inner.start()
        time.sleep(0.2)
        print(inner.is_alive(), flush=True)  # not held: a child of a child
        inner.join()

    def child_of_a_child():
        p = started(grandchild)
        p.join()
        return p.pid

    def never_joined():
        started()
        time.sleep(0.2)

    def forkserver_looks_then_join():
        # The forkserver forks the child and reaps it; the main process learns its end over the sentinel.
        ctx = multiprocessing.get_context("forkserver")
        event = ctx.Event()
        p = ctx.Process(target=done, args=(event,))
        p.start()
        event.wait(10)
        time.sleep(0.3)
        seen = [p.is_alive(), p.exitcode]
        p.join()
        return [p.pid, seen, p.exitcode]
"""


def held_run(tmp_path: Path, function: str, method: str = "fork"):
    path = tmp_path / "task.py"
    path.write_text(textwrap.dedent(CODE), encoding="utf-8")
    record = run(RunSpec(function=function, start_method=method, hold_exits=True), path, OBSERVED)
    assert record.kernel is not None and record.kernel.usable, record.kernel
    assert record.kernel.hold_exits
    assert record.tampered is None, record.tampered
    return record


def kproc(record, pid):
    (proc,) = [p for p in record.kernel.procs if p.pid == pid]
    return proc


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_every_look_finds_a_held_child_running(tmp_path, method):
    record = held_run(tmp_path, "looks_then_join", method)
    pid, seen, code = record.first("call_end")["value"]
    assert seen == [True, None, True, 1] and code == 0
    child = kproc(record, pid)
    assert child.exit_ns is not None and child.released == "wait"
    assert child.exit_ns + 200_000_000 < child.released_ns <= child.end_ns  # held through the looks
    assert not [e for e in record.of_kind("join") if e["child"] == pid and e["t"] < record.first("join_call")["t"]]


def test_a_forkserver_child_is_held_for_the_main_process(tmp_path):
    """Its parent is the forkserver, which reaps it and tells the main process
    over the sentinel: held for the main process all the same, its looks find
    it running, and the main process's join (a wait on the sentinel, said to
    the observer) lets it go."""
    record = held_run(tmp_path, "forkserver_looks_then_join")
    pid, seen, code = record.first("call_end")["value"]
    assert seen == [True, None] and code == 0
    child = kproc(record, pid)
    assert child.ppid != record.main_pid and child.held_for == record.main_pid
    assert child.released == "wait" and child.released_ns - child.exit_ns > 200_000_000
    assert any(waiter == record.main_pid and c == pid for waiter, c, _ in record.kernel.declared_waits)


def test_polls_end_a_hold_and_the_last_finds_the_end(tmp_path):
    """The POLLS-th poll of a held child lets it go and waits for its end:
    the loop ends at that poll (polls before the child's exit do not count)."""
    record = held_run(tmp_path, "waitpid_polls")
    pid, polls = record.first("call_end")["value"]
    assert polls >= holds.POLLS
    child = kproc(record, pid)
    assert child.released == "polls" and child.reaped_by == record.main_pid
    (seen,) = [w for w in record.kernel.ends_seen if w.child == pid]
    assert not seen.blocking and seen.t_ns >= child.end_ns >= child.released_ns
    assert record.procs[pid].join_calls[0][:2] == (record.main_pid, seen.t_ns)


def test_a_hold_no_wait_call_ended_counts_as_a_wait(tmp_path):
    record = held_run(tmp_path, "looks_in_a_loop")
    first, second = record.first("call_end")["value"]
    child = kproc(record, first)
    assert child.released == "time" and child.released_ns - child.exit_ns >= holds.HOLD_NS
    assert kproc(record, second).start_ns > child.released_ns  # the loop waited for it
    assert (record.main_pid, child.released_ns, -1) in record.procs[first].join_calls


def test_a_join_ends_the_hold_at_once(tmp_path):
    record = held_run(tmp_path, "join_while_running")
    pid, code = record.first("call_end")["value"]
    child = kproc(record, pid)
    assert code == 0 and child.released == "wait" and child.released_ns == child.exit_ns  # the join came first


def test_only_the_main_process_children_are_held(tmp_path):
    record = held_run(tmp_path, "child_of_a_child")
    pid = record.first("call_end")["value"]
    inner = [p for p in record.kernel.procs if p.ppid == pid]
    assert inner and all(p.exit_ns is None and p.released is None for p in inner)
    assert record.procs[pid].out.text.split() == ["False"]


def test_a_child_held_at_the_end_is_no_leftover(tmp_path):
    record = held_run(tmp_path, "never_joined")
    (child,) = [p for p in record.kernel.procs if p.pid != record.main_pid]
    assert child.exit_ns is not None and child.exit_ns < record.first("alive")["t"]
    assert record.leftovers == []


def test_a_wait_call_is_read_as_the_kernel_passes_it():
    """wait4's pid and waitid's id arrive as unsigned registers."""
    assert holds.wait_targets("wait4", [2**64 - 1, 0, 1, 0]) == (None, False)  # waitpid(-1, WNOHANG)
    assert holds.wait_targets("wait4", [1234, 0, 0, 0]) == (1234, True)
    assert holds.wait_targets("waitid", [1, 1234, 0, 4 | 1, 0]) == (1234, False)  # P_PID, WEXITED | WNOHANG
    assert holds.wait_targets("waitid", [0, 0, 0, 4, 0]) == (None, True)  # P_ALL
    assert holds.wait_targets("waitid", [1, 1234, 0, 2, 0]) is None  # WSTOPPED only: no exit to wait for


JOIN_TIMEOUTS = """
    import multiprocessing, os, time
    from multiprocessing.connection import wait

    def quick():
        pass

    def nap():
        time.sleep(0.3)

    def four(target):
        processes = [multiprocessing.Process(target=target) for _ in range(4)]
        for p in processes:
            p.start()
        return processes

    def timed_joins():
        # Concurrent: start all, then one join with a timeout each (sentinel waits, no wait call).
        processes = four(quick)
        time.sleep(0.1)  # all four held at their exit by now
        for p in processes:
            p.join(timeout=0.3)
        return [p.exitcode for p in processes]

    def timed_join_while_running():
        processes = four(nap)
        for p in processes:
            p.join(timeout=2)
        return [p.exitcode for p in processes]

    def sentinels():
        processes = four(quick)
        time.sleep(0.1)
        started = time.monotonic()
        left = {p.sentinel: p for p in processes}
        while left:
            for s in wait(list(left), timeout=5):
                left.pop(s).join()
        return [time.monotonic() - started, [p.exitcode for p in processes]]
"""


@pytest.mark.parametrize("function", ["timed_joins", "timed_join_while_running"])
def test_a_join_with_a_timeout_waits_for_a_held_child(tmp_path, function):
    """join(timeout) waits on the sentinel (no wait call): the recorder says
    so to the observer, which lets the child go; the join returns with its
    exit code, as it would without holds."""
    path = tmp_path / "task.py"
    path.write_text(textwrap.dedent(JOIN_TIMEOUTS), encoding="utf-8")
    record = run(RunSpec(function=function, hold_exits=True), path, OBSERVED)
    assert record.kernel.usable and record.tampered is None
    assert record.first("call_end")["value"] == [0, 0, 0, 0]
    children = [p for p in record.kernel.procs if p.pid != record.main_pid]
    assert len(children) == 4 and all(p.released in ("wait", None) for p in children)
    assert not [p for p in children if p.released == "time"]


def test_waits_on_sentinels_end_holds_at_once(tmp_path):
    path = tmp_path / "task.py"
    path.write_text(textwrap.dedent(JOIN_TIMEOUTS), encoding="utf-8")
    record = run(RunSpec(function="sentinels", hold_exits=True), path, OBSERVED)
    took, codes = record.first("call_end")["value"]
    assert codes == [0, 0, 0, 0] and took < holds.HOLD_NS / 1e9 / 2
    said = {child for _, child, _ in record.kernel.declared_waits}
    assert said == {p.pid for p in record.kernel.procs if p.pid != record.main_pid}


def test_a_waitid_the_recorder_says_a_wait_with_is_known_by_its_flags():
    flags = 4 | 1 | 0x01000000 | 0x20000000  # WEXITED | WNOHANG | WNOWAIT | __WNOTHREAD
    assert holds.declared("waitid", [1, 1234, 0, flags, 0]) == (1234, True)
    assert holds.declared("waitid", [1, 1234, 0, flags | 8, 0]) == (1234, False)  # WCONTINUED: over
    assert holds.declared("waitid", [1, 1234, 0, 4 | 1 | 0x01000000, 0]) is None  # an ordinary poll
    assert holds.declared("wait4", [1234, 0, flags, 0]) is None
