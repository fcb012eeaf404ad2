"""The kernel observer (sandbox/observer.py) and the cross-check
(sandbox/crosscheck.py), on real runs of small files: what the kernel saw,
and records forged from inside the run."""
from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from conftest import SOLUTIONS, run_processes_with

from mpkit.sandbox import crosscheck, observer
from mpkit.sandbox.runner import Limits, RunSpec, run

pytestmark = pytest.mark.skipif(observer.unavailable() is not None, reason=f"{observer.unavailable()}")
MARK = "OBSERVER_TEST_MARK"
OBSERVED = Limits(time_limit=20, observe=True)


def task(tmp_path: Path, source: str) -> Path:
    path = tmp_path / "task.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def observed(path: Path, function: str, method: str = "fork"):
    record = run(RunSpec(function=function, start_method=method), path, OBSERVED)
    assert record.kernel is not None and record.kernel.usable, record.kernel
    return record


def processes(record):
    """The kernel's processes of a run but its main one."""
    return [p for p in record.kernel.procs if p.pid != record.main_pid]


FAMILY = """
    import multiprocessing, os, signal, sys, threading, time

    def ok():
        threads = [threading.Thread(target=time.sleep, args=(0.01,)) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    def three():
        sys.exit(3)

    def forever():
        time.sleep(60)

    def family():
        a = multiprocessing.Process(target=ok)
        b = multiprocessing.Process(target=three)
        c = multiprocessing.Process(target=forever)
        for p in (a, b, c):
            p.start()
        a.join()
        b.join()
        c.terminate()
        c.join()
        return [a.pid, b.pid, c.pid]
"""


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_the_kernel_record_shows_processes_exits_signals_and_reaps(tmp_path, method):
    record = observed(task(tmp_path, FAMILY), "family", method)
    kernel = record.kernel
    a, b, c = record.first("call_end")["value"]
    by_pid = {p.pid: p for p in kernel.procs}
    assert (by_pid[a].exit_code, by_pid[b].exit_code, by_pid[c].signal) == (0, 3, 15)
    assert by_pid[c].end_code == -15
    # Threads (three in the first child, multiprocessing's own) are not processes.
    student = {a, b, c}
    helpers = [p for p in processes(record) if p.pid not in student]
    assert all(p.execs for p in helpers)  # resource tracker, forkserver: new interpreters
    for pid in student:
        child = by_pid[pid]
        assert child.start_ns < child.end_ns <= child.reaped_ns
        if method == "forkserver":  # forked and reaped by the forkserver
            forkserver = by_pid[child.ppid]
            assert forkserver.ppid == record.main_pid and forkserver.execs == 1
            assert child.reaped_by == forkserver.pid
        else:
            assert child.ppid == child.reaped_by == record.main_pid
            assert child.execs == (1 if method == "spawn" else 0)
    # Each join returned after the reap it needed.
    for e in record.of_kind("join"):
        assert by_pid[e["child"]].reaped_ns < e["t"]
    assert record.tampered is None


def test_a_pool_handler_thread_reaping_workers_is_the_pool_process_reaping(tmp_path):
    path = task(tmp_path, """
        import multiprocessing

        def square(x):
            return x * x

        def pooled():
            with multiprocessing.Pool(3, maxtasksperchild=1) as pool:
                return pool.map(square, range(8), chunksize=1)
    """)
    record = observed(path, "pooled")
    workers = [p for p in processes(record) if not p.execs]
    assert len(workers) >= 8  # one task each: the handler thread replaced them
    assert all(p.reaped_by == record.main_pid for p in workers)
    assert record.tampered is None


def test_nothing_of_an_observed_run_is_left_running_stopped_or_traced(tmp_path, monkeypatch):
    """A child never joined, one that stops itself, one in its own session:
    when the run is over, the tracer has killed them and seen them end."""
    monkeypatch.setenv(MARK, str(tmp_path))
    path = task(tmp_path, """
        import multiprocessing, os, signal, time

        def stop_self():
            os.kill(os.getpid(), signal.SIGSTOP)

        def escape():
            os.setsid()
            time.sleep(60)

        def leave():
            for target in (stop_self, escape, time.sleep):
                multiprocessing.Process(target=target, args=(60,) if target is time.sleep else ()).start()
            time.sleep(0.5)
    """)
    record = run(RunSpec(function="leave", start_method="fork"), path, Limits(time_limit=20, observe=True))
    assert record.kernel.complete and record.kernel.problem is None
    assert all(p.end_ns is not None for p in record.kernel.procs)
    assert run_processes_with(MARK, str(tmp_path)) == []


def test_a_run_over_its_time_limit_is_stopped_and_the_tracer_lets_go(tmp_path):
    path = task(tmp_path, """
        import multiprocessing, time

        def hang():
            p = multiprocessing.Process(target=time.sleep, args=(60,))
            p.start()
            p.join()
    """)
    record = run(RunSpec(function="hang", start_method="fork"), path, Limits(time_limit=1.5, observe=True))
    assert record.timed_out and record.kernel.complete
    assert record.tampered is None


@pytest.mark.parametrize("name,function", [("q1_multiprocessing", "child_pid"), ("q3_create_process", "create_process"),
                                           ("q5_worker_pool", "square_all"), ("q6_four_processes", "run_four_processes")])
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_the_solutions_agree_with_the_kernel(name, function, method):
    args = ([1, 2, 3, 4, 5],) if function == "square_all" else ()
    record = run(RunSpec(function=function, args=args, start_method=method), SOLUTIONS / f"{name}.py", OBSERVED)
    assert record.kernel.usable
    assert record.tampered is None
    assert crosscheck.check(record, record.kernel) is None


def test_without_observation_nothing_is_claimed(tmp_path):
    record = run(RunSpec(function="family", start_method="fork"), task(tmp_path, FAMILY),
                 Limits(time_limit=20, observe=False))
    assert record.kernel is None and record.tampered is None


# -- records forged from inside the run ---------------------------------------
CHILD = """
    import multiprocessing, os, sys, time
    import _mpkit_trace

    def quick():
        pass

    def fails():
        sys.exit(1)

    def record_fd():
        # The recorder's own descriptor, found as a student would: /proc/self/fd.
        for fd in os.listdir("/proc/self/fd"):
            try:
                target = os.readlink(f"/proc/self/fd/{fd}")
            except OSError:
                continue
            if target.endswith(f"/rec/{os.getpid()}.jsonl"):
                return int(fd)
        raise RuntimeError("no record fd")

    def line(kind, _n=iter(range(10**6, 2 * 10**6)), **fields):
        import json
        fields.update(e=kind, pid=os.getpid(), t=time.monotonic_ns(), n=next(_n))
        return (json.dumps(fields) + "\\n").encode()

    def forge(kind, **fields):
        # The recorder's emit() refuses the task's code: the line goes straight to its descriptor.
        os.write(record_fd(), line(kind, **fields))
"""


@pytest.mark.parametrize("attack,why", [
    # A join that never happened: the child is left to the harness.
    ("""
    def attack():
        p = multiprocessing.Process(target=quick)
        p.start()
        time.sleep(0.5)
        forge("join", child=p.pid, exitcode=0)
    """, "saw no wait"),
    ("""
    def attack():
        p = multiprocessing.Process(target=quick)
        p.start()
        time.sleep(0.5)
        os.write(record_fd(), line("join", child=p.pid, exitcode=0))
    """, "saw no wait"),
    # Joined for real, but the exit code is made up.
    ("""
    def attack():
        p = multiprocessing.Process(target=fails)
        p.start()
        p.join()
        forge("join", child=p.pid, exitcode=0)
    """, "exit code"),
    # A process that never existed.
    ("""
    def attack():
        forge("proc_start", child=os.getpid() + 7, name="Process-9", target="task.quick",
                          daemon=False, method="fork", pool=None)
        forge("join", child=os.getpid() + 7, exitcode=0)
    """, "never saw"),
    # A real child started once, recorded twice.
    ("""
    def attack():
        p = multiprocessing.Process(target=quick)
        p.start()
        forge("proc_start", child=p.pid, name=p.name, target="task.quick", daemon=False,
                          method="fork", pool=None)
        p.join()
    """, "recorded twice"),
    # A second record of the main process, in a file the recorder would have named.
    ("""
    def attack():
        folder = os.path.join(os.environ["MPKIT_RUN_DIR"], "rec")
        import ctypes  # past the guard's audit hook, which refuses the open
        path = os.path.join(folder, f"{os.getpid()}.1.jsonl").encode()
        fd = ctypes.CDLL(None).open(path, os.O_WRONLY | os.O_CREAT, 0o600)
        os.write(fd, line("born", via="exec", ppid=os.getppid(), argv=[], out="x", err="y"))
    """, "records"),
    # A process made behind multiprocessing's back, with no record at all.
    ("""
    def attack():
        import ctypes
        libc = ctypes.CDLL(None)
        pid = libc.fork()  # no at-fork handlers: the recorder never starts in it
        if pid == 0:
            libc._exit(0)
        os.waitpid(pid, 0)
    """, "nothing of it"),
    # An event written at a time its process did not exist.
    ("""
    def attack():
        p = multiprocessing.Process(target=quick)
        p.start()
        p.join()
        data = line("print", stream="out")
        os.write(record_fd(), data.replace(b'"t": ', b'"t": 1'))  # a time in the future
    """, "never saw running"),
])
def test_a_forged_record_is_caught(tmp_path, attack, why, monkeypatch):
    monkeypatch.setenv("MPKIT_GUARD_CTYPES", "allow")  # two attacks go past the guard through the C library
    record = observed(task(tmp_path, textwrap.dedent(CHILD) + textwrap.dedent(attack)), "attack")
    assert record.first("call_end"), record.first("call_error") or record.first("import_error")
    assert record.tampered is not None, "the forgery was not caught"
    assert why in record.tampered


def test_a_real_join_hidden_from_the_recorder_cannot_be_added_to_the_record_later(tmp_path):
    """A wait the recorder did not see (os.waitpid) is no forgery by itself;
    telling the recorder about it afterwards is refused (emit() is the kit's
    alone), and the same line written on the record's descriptor carries a
    number the recorder never gave."""
    path = task(tmp_path, textwrap.dedent(CHILD) + textwrap.dedent("""
    def attack():
        p = multiprocessing.Process(target=quick)
        p.start()
        os.waitpid(p.pid, 0)
        time.sleep(0.1)
        try:
            _mpkit_trace.emit("join", child=p.pid, exitcode=0)
        except PermissionError as exc:
            return str(exc)

    def on_the_descriptor():
        p = multiprocessing.Process(target=quick)
        p.start()
        os.waitpid(p.pid, 0)
        forge("join", child=p.pid, exitcode=0)
    """))
    record = observed(path, "attack")
    assert "may not write into the kit's record" in str(record.first("call_end")["value"])
    assert not record.of_kind("join") and record.tampered is None
    record = observed(path, "on_the_descriptor")
    assert record.first("call_end") and record.of_kind("join")
    assert record.tampered is not None and "numbered" in record.tampered


def test_children_that_end_before_their_fork_is_reported_are_one_process_each(tmp_path):
    """A child may stop, run and end before the tracer sees its parent's fork
    event: it is still one process, reaped by its parent (once gave a second,
    never-ending process and a false 'no wait')."""
    path = task(tmp_path, """
        import multiprocessing, os

        def quick():
            pass

        def many():
            for _ in range(40):
                pid = os.fork()
                if pid == 0:
                    os._exit(0)
                os.waitpid(pid, 0)
            for _ in range(5):
                p = multiprocessing.Process(target=quick)
                p.start()
                p.join()
    """)
    record = observed(path, "many")
    children = [p for p in processes(record) if not p.execs]
    assert len(children) == 45
    assert all(p.end_ns and p.reaped_by == record.main_pid for p in children)
    assert record.tampered is None


def _grade_solutions(env_changes: dict) -> dict:
    import json
    import subprocess
    import sys

    from conftest import KIT

    env = {**os.environ, **env_changes}
    done = subprocess.run([sys.executable, "-m", "mpkit.cli", "grade", str(SOLUTIONS)], cwd=KIT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_grading_says_the_process_observer_watched_every_run():
    """On by default where it can work: every run observed, the solutions at
    full marks (no honest run taken for tampered), and the results say so."""
    results = _grade_solutions({})
    assert results["score"] == results["extra_data"]["max_score"]
    sandbox = results["extra_data"]["sandbox"]
    assert sandbox["observed"] is True and "observer" in sandbox["layers"]
    assert "+ process observer (ptrace) +" in results["output"]
    from mpkit.sandbox import uffd

    if uffd.unavailable() is None:  # Q1's runs follow PIDs: who wrote their shared memory was watched
        assert sandbox["shared_watched"] is True and "shared-memory writes watched" in results["output"]
    else:
        assert f"shared-memory writes not watched ({uffd.unavailable()})" in results["output"]


def test_the_sandbox_line_says_why_shared_memory_writes_were_not_watched():
    from mpkit.sandbox import kernel

    base = {"applied": True, "abi": 7, "files": True, "observed": True}
    line = kernel.summary([{**base, "shared_watched": True}, {**base}])["text"]
    assert line.endswith("; shared-memory writes watched (userfaultfd)"), line
    line = kernel.summary([{**base, "shared_watched": False, "shared_why": "needs root"}, {**base}])["text"]
    assert line.endswith("; shared-memory writes not watched (needs root)"), line
    assert "shared-memory" not in kernel.summary([base])["text"]  # no run followed PIDs


def test_a_grading_without_the_observer_says_it_was_off():
    results = _grade_solutions({"MPKIT_OBSERVE": "0"})
    sandbox = results["extra_data"]["sandbox"]
    assert sandbox["observed"] is False and "observer" not in sandbox["layers"]
    assert "process observer off (MPKIT_OBSERVE=0)" in results["output"]


# -- waits that report a child's end ------------------------------------------
WAITS = """
    import multiprocessing, os, time

    def quick():
        pass

    def lingers():
        time.sleep(0.05)

    def started():
        p = multiprocessing.Process(target=lingers)
        p.start()
        return p

    def waitid_nowait():
        p = started()
        os.waitid(os.P_PID, p.pid, os.WEXITED | os.WNOWAIT)  # blocks, reaps nothing
        time.sleep(0.02)
        p.join()
        return p.pid

    def waitid_nowait_poll():
        p = started()
        while os.waitid(os.P_PID, p.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
            time.sleep(0.005)
        time.sleep(0.02)
        p.join()
        return p.pid

    def waitpid_poll():
        p = started()
        while os.waitpid(p.pid, os.WNOHANG) == (0, 0):
            time.sleep(0.005)
        return p.pid

    def polls_that_find_nothing():
        p = started()
        for _ in range(3):
            os.waitpid(p.pid, os.WNOHANG)
            os.waitid(os.P_PID, p.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        pid = p.pid
        time.sleep(0.2)
        p.terminate()  # already over: nothing
        return pid

    def reaped_by_start():
        # The first ends before the second is started: the second start()
        # reaps it (multiprocessing's _cleanup), which is no wait.
        first = multiprocessing.Process(target=quick)
        first.start()
        time.sleep(0.1)
        second = multiprocessing.Process(target=quick)
        second.start()
        first.join()
        second.join()
        return [first.pid, second.pid]

    def then_second(first, look):
        import select
        first.start()
        # Until the first has ended, with no wait call (its sentinel closes as it
        # exits; then a moment for it to become a zombie): the look or the
        # loop's first poll finds it ended.
        select.select([first.sentinel], [], [], 10)
        time.sleep(0.05)
        look(first)
        second = multiprocessing.Process(target=quick)
        second.start()
        first.join()
        second.join()
        return [first.pid, second.pid]

    def popen_poll_finds_it_ended():
        def loop(p):
            while p._popen.poll() is None:
                time.sleep(0.01)
        return then_second(multiprocessing.Process(target=quick), loop)

    def is_alive_loop_finds_it_ended():
        def loop(p):
            while p.is_alive():
                time.sleep(0.01)
        return then_second(multiprocessing.Process(target=quick), loop)

    def is_alive_looked_at():
        return then_second(multiprocessing.Process(target=quick), lambda p: print("alive:", p.is_alive()))

    def exitcode_looked_at():
        def look(p):
            if p.exitcode is not None:
                print("done")
        return then_second(multiprocessing.Process(target=quick), look)

    def repr_looked_at():
        return then_second(multiprocessing.Process(target=quick), lambda p: print("started", p))

    def active_children_looked_at():
        return then_second(multiprocessing.Process(target=quick),
                           lambda p: print("running:", len(multiprocessing.active_children())))
"""


def _seen(record, pid):
    return [w for w in record.kernel.ends_seen if w.child == pid]


def _early_waits(record, pid, before):
    return [c for c in record.procs[pid].join_calls if c[0] == record.main_pid and c[1] < before]


@pytest.mark.parametrize("function,via,blocking", [("waitid_nowait", "waitid", True),
                                                   ("waitid_nowait_poll", "waitid", False)])
def test_a_waitid_that_reported_the_end_without_reaping_is_a_wait(tmp_path, function, via, blocking):
    record = observed(task(tmp_path, WAITS), function)
    pid = record.first("call_end")["value"]
    child = next(p for p in record.kernel.procs if p.pid == pid)
    seen = _seen(record, pid)
    # Seen twice: the code's WNOWAIT wait (no reap), then join()'s reap.
    assert [(w.via, w.blocking, w.reaped) for w in seen][:1] == [(via, blocking, False)]
    assert seen[0].waiter == record.main_pid and child.end_ns <= seen[0].t_ns < child.reaped_ns
    assert child.reaped_by == record.main_pid and len([r for r in record.kernel.reaps if r.child == pid]) == 1
    join = record.first("join_call")["t"]
    assert _early_waits(record, pid, join) == [(record.main_pid, seen[0].t_ns, -1)]
    assert record.tampered is None


def test_a_waitpid_poll_loop_that_reaped_the_child_is_a_wait(tmp_path):
    record = observed(task(tmp_path, WAITS), "waitpid_poll")
    pid = record.first("call_end")["value"]
    (seen,) = _seen(record, pid)
    assert (seen.via, seen.blocking, seen.reaped) == ("wait4", False, True)
    assert record.procs[pid].join_calls == [(record.main_pid, seen.t_ns, -1)]


def test_polls_that_found_nothing_are_no_wait(tmp_path):
    record = observed(task(tmp_path, WAITS), "polls_that_find_nothing")
    assert record.first("call_end"), (record.events, record.stderr_raw.text, record.first("call_error"))
    pid = record.first("call_end")["value"]
    seen = _seen(record, pid)
    assert all(w.t_ns > next(p for p in record.kernel.procs if p.pid == pid).end_ns for w in seen)
    # Only the harness's reap after the call (or none at all) reported the end: no wait by the call.
    call_end = record.first("call_end")["t"]
    assert not [w for w in seen if w.t_ns < call_end]
    assert not [c for c in record.procs[pid].join_calls if c[1] < call_end]


def _first_ends(record, first, second):
    """The waits the kernel saw report `first`'s end before `second` started."""
    return [w for w in _seen(record, first) if w.t_ns < record.procs[second].start_seq[0]]


def test_start_reaps_no_ended_sibling(tmp_path):
    """multiprocessing's start() polls every ended child before it forks the
    next (_cleanup): the recorder skips that, so the kernel sees no wait for
    the first child until the code's own join()."""
    record = observed(task(tmp_path, WAITS), "reaped_by_start")
    first, second = record.first("call_end")["value"]
    child = next(p for p in record.kernel.procs if p.pid == first)
    second_start = next(p for p in record.kernel.procs if p.pid == second).start_ns
    assert child.end_ns < second_start  # it had ended: the old start() would have reaped it
    assert not _first_ends(record, first, second)
    (seen, *_) = _seen(record, first)
    assert seen.blocking and seen.t_ns >= record.first("join_call")["t"]
    assert not _early_waits(record, first, record.procs[second].start_seq[0])
    assert record.tampered is None


@pytest.mark.parametrize("function", ["popen_poll_finds_it_ended", "is_alive_loop_finds_it_ended"])
def test_a_poll_loop_whose_first_poll_finds_the_child_ended_is_a_wait(tmp_path, function):
    """The code's own poll (here past the recorder, or an is_alive() deciding a
    loop) reaped the child: a wait, even though no poll was made in vain."""
    record = observed(task(tmp_path, WAITS), function)
    first, second = record.first("call_end")["value"]
    (seen,) = _first_ends(record, first, second)
    assert (seen.via, seen.blocking, seen.reaped) == ("wait4", False, True)
    assert _early_waits(record, first, record.procs[second].start_seq[0]) == [(record.main_pid, seen.t_ns, -1)]
    assert not record.procs[first].looks
    assert record.tampered is None


@pytest.mark.parametrize("function,said", [("is_alive_looked_at", "alive: False"), ("exitcode_looked_at", "done"),
                                           ("repr_looked_at", "stopped exitcode=0"),
                                           ("active_children_looked_at", "running: 0")])
def test_a_look_that_finds_the_child_ended_reaps_nothing(tmp_path, function, said):
    """print(p.is_alive()), `if p.exitcode is not None:`, print(p),
    print(len(active_children())), once, not in a loop: each tells that the
    child has ended (read off /proc), and makes no wait call; no join."""
    record = observed(task(tmp_path, WAITS), function)
    first, second = record.first("call_end")["value"]
    out = record.procs[record.main_pid].out.text
    assert said in out, out
    assert not _first_ends(record, first, second)
    assert not _early_waits(record, first, record.procs[second].start_seq[0])
    assert not [e for e in record.of_kind("join") if e["child"] == first and e["t"] < record.procs[second].start_seq[0]]
    assert record.tampered is None


def test_every_wait_that_reported_an_end_counts():
    """No field of the record excuses a wait the kernel saw (the proc_start's
    `not_waited` of old, here written by the code being graded): each wait
    call that reported the child's end, blocking, a poll or a waitid, by any
    process of the run, before the run was being stopped."""
    from mpkit.sandbox.kernel_record import EndSeen, KernelRecord
    from mpkit.sandbox.record import Proc, RunRecord

    def waits(stop=900, **seen):
        record = RunRecord(mode="call", start_method="fork", time_limit=10, main_pid=1)
        record.events = [{"e": "proc_start", "pid": 1, "t": 500, "n": 3, "child": 3,
                          "not_waited": [[2, 150, 250, "start"]]},
                         {"e": "run_end", "pid": 1, "t": stop, "n": 9}]
        record.procs = {1: Proc(pid=1), 2: Proc(pid=2), 3: Proc(pid=3)}
        kernel = KernelRecord(main_pid=1, attached_ns=1, filtered=True, complete=True)
        kernel.ends_seen = [EndSeen(**{"waiter": 1, "thread": 1, "child": 2, "t_ns": 200, "via": "wait4",
                                       "blocking": False, "reaped": True, **seen})]
        crosscheck.add_kernel_waits(record, kernel)
        return record.procs[2].join_calls

    assert waits() == [(1, 200, -1)]
    assert waits(blocking=True) == [(1, 200, -1)]
    assert waits(via="waitid", reaped=False) == [(1, 200, -1)]
    assert waits(waiter=3) == [(3, 200, -1)]
    assert waits(waiter=7) == []  # not a process of the run
    assert waits(stop=150) == []  # the run was being stopped: the harness reaps


def test_a_run_traced_by_another_program_goes_on_unobserved():
    """A debugger or strace tracing the run would take the filter's stops
    without answering them (every wait would fail): the run only filters for
    a tracer of the grading process's own, and says why not otherwise."""
    import subprocess
    import sys

    from mpkit.sandbox.ptrace import _SEIZE, _ptrace
    from mpkit.sandbox.runner import BOOT_DIR

    code = ("import sys; sys.path.insert(0, sys.argv[1]); import _mpkit_observed; "
            "print(_mpkit_observed.await_tracer(timeout=10, grader=1), flush=True)")
    child = subprocess.Popen([sys.executable, "-c", code, str(BOOT_DIR)], stdout=subprocess.PIPE, text=True)
    try:
        _ptrace(_SEIZE, child.pid, 0, 0)  # this test's process traces it: not process 1
        out, _ = child.communicate(timeout=20)
    finally:
        child.kill()
    assert out.strip() == f"another program (process {os.getpid()}) traces the run"
