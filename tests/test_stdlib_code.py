"""boot/_mpkit_stdlib.py: the standard library's code read from its files.

The recorder tells a pool's genuine worker loop from the graded code by
comparing code objects with those read from the library's files, without
importing the modules (each spawned interpreter of a run would pay 10-20 ms).
These tests hold on every Python the kit supports (.ci/run runs them on each).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from mpkit.sandbox.boot import _mpkit_stdlib as stdlib
from mpkit.sandbox.runner import BOOT_DIR


def test_the_code_read_from_the_files_equals_the_imported_functions():
    import concurrent.futures.process as cfp
    import multiprocessing.pool as mpool
    import multiprocessing.queues as mq

    pool = stdlib.module_code("multiprocessing/pool.py")
    queues = stdlib.module_code("multiprocessing/queues.py")
    executor = stdlib.module_code("concurrent/futures/process.py")
    assert stdlib.find(pool, "worker") == mpool.worker.__code__
    assert stdlib.find(queues, "SimpleQueue", "put") == mq.SimpleQueue.put.__code__
    assert stdlib.find(queues, "Queue", "get") == mq.Queue.get.__code__
    assert stdlib.find(executor, "_process_worker") == cfp._process_worker.__code__
    # Equal by value only: another function of the same name and signature is not the loop.
    assert stdlib.find(queues, "SimpleQueue", "get") != mq.SimpleQueue.put.__code__
    assert stdlib.find(pool, "no_such_function") is None


def test_a_module_without_a_source_file_gives_none():
    assert stdlib.module_code("no_such_module_of_the_library.py") is None


def test_a_stale_cache_is_not_trusted(tmp_path, monkeypatch):
    """A module whose source changed after its bytecode was cached is compiled
    from the source, as the import system would."""
    library = tmp_path / "lib"
    library.mkdir()
    source = library / "mod.py"
    source.write_text("def f():\n    return 1\n")
    subprocess.run([sys.executable, "-m", "py_compile", str(source)], check=True)
    source.write_text("def f():\n    return 2\n")
    os.utime(source, (1, 1))  # the cache now names another modification time
    monkeypatch.setattr(stdlib.module_code, "__defaults__",
                        (str(library), *stdlib.module_code.__defaults__[1:]))
    code = stdlib.module_code("mod.py")
    namespace: dict = {}
    exec(code, namespace)
    assert namespace["f"]() == 2


def test_pickletools_is_loaded_apart_from_sys_modules():
    namespace = stdlib.private_module("pickletools.py", "_mpkit_pickletools")
    import pickle

    ops = [op.name for op, _, _ in namespace["genops"](pickle.dumps([4242], protocol=2))]
    assert "BININT2" in ops
    assert namespace["genops"] is not getattr(sys.modules.get("pickletools"), "genops", None)


def test_a_run_process_imports_neither_pools_nor_pickletools(tmp_path):
    """What a spawned interpreter of a run imports at start-up: the recorder's
    watch on pools and messages costs nothing until used."""
    run_dir = tmp_path / "run"
    for sub in ("rec", "out", "work", "tmp"):
        (run_dir / sub).mkdir(parents=True)
    probe = textwrap.dedent("""
        import os, sys
        loaded = [m for m in ("multiprocessing.pool", "concurrent.futures", "pickletools", "json")
                  if m in sys.modules]
        os.write(3, repr(loaded).encode())
    """)
    read, write = os.pipe()
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(BOOT_DIR), "MPKIT_RUN_DIR": str(run_dir),
           "MPKIT_RUN_TOKEN": "t" * 32, "MPKIT_MAX_PROCS": "64", "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run([sys.executable, "-c", f"import os; os.dup2({write}, 3); exec({probe!r})"],
                          env=env, pass_fds=(write,), cwd=run_dir / "work", timeout=60)
    os.close(write)
    with os.fdopen(read) as f:
        loaded = f.read()
    assert proc.returncode == 0
    assert loaded == "[]", f"a run's process imported {loaded} at start-up"
    shutil.rmtree(run_dir)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_pool_work_is_still_recorded(tmp_path, method):
    """The genuine loops, learned from the files, are the ones the workers run."""
    from mpkit.sandbox.runner import run
    from mpkit.sandbox.spec import RunSpec

    task = tmp_path / "task.py"
    task.write_text(textwrap.dedent("""
        from multiprocessing import Pool

        def square(x):
            return x * x

        def main():
            with Pool(2) as pool:
                return pool.map(square, [1, 2, 3, 4])
    """))
    record = run(RunSpec(function="main", start_method=method), task)
    results = [e for e in record.events if e["e"] == "pool_result"]
    tasks = [e for e in record.events if e["e"] == "pool_task"]
    assert tasks and all("square" in e["fn"] for e in tasks)
    assert results


def test_every_function_the_recorder_names_is_read_as_imported():
    """One table of the library's own functions (names for the grader, frames
    for the pool's work): each read from its file equals the imported one."""
    import importlib

    for name, (module, *path) in stdlib.LIBRARY.items():
        obj = importlib.import_module(module)
        for part in path:
            obj = getattr(obj, part)
        assert stdlib.library_code(name) == obj.__code__, name
    with pytest.raises(TypeError):  # the table is read-only: the task's code reaches module globals
        stdlib.LIBRARY["multiprocessing.pool.worker"] = ("os", "getpid")


def test_a_library_without_source_files_is_read_from_its_modules_at_install(monkeypatch, tmp_path):
    import multiprocessing.pool as mpool

    known: dict = {}
    defaults = stdlib.learn_library.__defaults__
    monkeypatch.setattr(stdlib.learn_library, "__defaults__", (known, defaults[1], str(tmp_path), *defaults[3:]))
    stdlib.learn_library()
    assert set(known) == set(stdlib.LIBRARY) and known["multiprocessing.pool.worker"] == mpool.worker.__code__
