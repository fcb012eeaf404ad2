"""The run recorder: runs inside every Python process of a sandboxed run.

It writes what the process does (its birth, the processes and threads it
starts, joins and ends, calls of watched student functions) as JSON lines to
a record file of its own, and points the process's stdout and stderr at files
of its own, so the grader knows which process wrote which bytes.

This module is the entry point (install(), and emit(), describe(),
snapshot_globals() for the harness and the probes); each thing watched has
a module of its own:
  _mpkit_trace_core       the record file, emit(), per-process state, import hooks
  _mpkit_trace_values     how results, arguments and globals are written
  _mpkit_trace_processes  processes: start, boot, end, waits, kills, PID reads
  _mpkit_loop_tests       where a task file decides its loops (a wait, or a look at a child)
  _mpkit_trace_messages   PIDs passed in pickled and raw messages
  _mpkit_trace_shared     PIDs passed through Value, raw shared objects, SharedMemory
  _mpkit_trace_pools      Pool workers and shutdown
  _mpkit_trace_threads    threads: start, end, joins
  _mpkit_trace_output     prints
  _mpkit_trace_calls      calls of the student's functions a task names

Everything is standard library only and keeps its own references to the
functions it relies on, so a submission that monkeypatches them cannot change
what is recorded. Importing reads nothing from the run's environment: the
launcher imports the recorder once, before it forks the runs.
"""
import os
import sys

import _mpkit_guard
import _mpkit_trace_calls as calls
import _mpkit_trace_messages as messages
import _mpkit_trace_output as output
import _mpkit_trace_pools as pools
import _mpkit_trace_poolwork as poolwork
import _mpkit_trace_processes as processes
import _mpkit_trace_shared as shared
import _mpkit_trace_threads as threads
import _mpkit_trace_values as values
from _mpkit_trace_core import (_kit_caller, after_import, called_by, emit, fresh_state, own_output, sealed, set_run_dir,
                               start_record)
from _mpkit_trace_values import describe, snapshot_globals  # noqa: F401 (used by the harness)

_getppid = os.getppid


@sealed(start_record, fresh_state, own_output, emit, _getppid, getattr, list, sys)
def _born(via):
    """Start the record of a new process and give it output files of its own."""
    _start, _fresh, _own_output, _emit, _getppid, _getattr, _list, _sys = "\x00mpkit:sealed"
    pid = _start()
    _fresh()
    outputs = _own_output(pid)
    _emit("born", via=via, ppid=_getppid(), argv=_list(_getattr(_sys, "orig_argv", _sys.argv))[:6], **outputs)


def _same_cpu_count():
    """Every grading machine reports the same number of CPUs to the student's
    code, so Pool() without a size (one worker per CPU) grades the same on a
    laptop, a CI runner and Gradescope."""
    try:
        count = int(os.environ.get("MPKIT_CPU_COUNT", ""))
    except ValueError:
        return
    os.cpu_count = lambda: count
    if hasattr(os, "process_cpu_count"):  # Python 3.13+: what Pool() asks
        os.process_cpu_count = lambda: count


def _on_connection(connection, _patch_connections=messages.patch_connections, _patch_wait=processes.patch_wait):
    _patch_connections(connection)
    _patch_wait(connection)


@sealed(_kit_caller, PermissionError, [])
def install():
    """The recorder in this process (once; the kit's alone: sitecustomize, the launcher)."""
    _kit_caller, _error, _installed = "\x00mpkit:sealed"
    if not _kit_caller(1):
        raise _error("mpkit: the task's code may not install the recorder again")
    run_dir = os.environ.get("MPKIT_RUN_DIR", "")
    if _installed or not run_dir:
        return
    _installed.append(True)
    set_run_dir(run_dir)
    _born("exec")
    _same_cpu_count()
    if os.environ.get("MPKIT_LINE_BUFFERED"):  # a spawned child of a line-buffered run (_mpkit_harness)
        try:
            sys.stdout.reconfigure(line_buffering=True)
        except (AttributeError, ValueError):
            pass
    _mpkit_guard.install(run_dir)
    if _mpkit_guard.processes_started(run_dir) > _mpkit_guard.max_processes():
        # A process started without a fork (spawn, forkserver) beyond the limit.
        emit("refused", reason="processes")
        _mpkit_guard.mark_limit("processes")
        os._exit(1)
    if os.environ.get("MPKIT_OBSERVE") == "pids":  # who writes shared memory is watched (../pagewriters.py)
        import _mpkit_handover

        _mpkit_handover.hand_over()  # an exec'd process (the main process's comes after the harness's filter)
        if hasattr(os, "register_at_fork"):  # a fork child's first step
            os.register_at_fork(after_in_child=_mpkit_handover.hand_over)
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=lambda _born=_born: _born("fork"))
    for patch, *args in (
        (values.learn_watched_globals,), (poolwork.learn_worker_loops,),
        (calls.install,), (processes.patch_processes,), (messages.patch_pickled,),
        # sharedctypes imports ctypes (10 ms): patched only in processes that use it.
        (after_import, "multiprocessing.sharedctypes", _safely(shared.patch_shared_value)),
        (after_import, "multiprocessing.connection", _safely(_on_connection)),
        (after_import, "multiprocessing.shared_memory", _safely(shared.patch_shared_memory)),
        (after_import, "multiprocessing.pool", _safely(pools.patch_pool)),
        (threads.patch_threads,), (output.patch_print,),
    ):
        _safely(patch)(*args)


def _safely(patch):
    """A patch whose target this Python lacks or changed is skipped, not a
    crash of the student's process: grading says which internals are missing
    (_mpkit_compat) and grades what is still recorded."""
    @sealed(patch, emit, getattr, repr, (AttributeError, TypeError, KeyError, ImportError), called_by)
    def apply(*args):
        _patch, _emit, _getattr, _repr, _skipped, _called_by = "\x00mpkit:sealed"
        if not _called_by(("install", "after_import", "traced_exec")):  # it calls what it was given: the kit's alone
            return
        try:
            _patch(*args)
        except _skipped as exc:
            _emit("recorder_skipped", patch=_getattr(_patch, "__name__", _repr(_patch)), error=_repr(exc)[:300])

    return apply
