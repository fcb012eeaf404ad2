"""What the recorder assumes about multiprocessing's internals, checked.

The recorder (_mpkit_trace*.py) patches private parts of multiprocessing,
concurrent.futures and threading that can change between Python versions.
`problems()` lists each assumption that does not hold on this interpreter
and what it costs, so that grading says so in one line instead of
mis-recording; the recorder skips a patch whose target is missing.
Standard library only: it runs on both sides (grader and runs).
"""
import importlib

# (module, attribute path, what it must be, what is not recorded without it)
ASSUMED = (
    ("multiprocessing.process", "BaseProcess.start", "callable", "processes started"),
    ("multiprocessing.process", "BaseProcess.join", "callable", "joins"),
    ("multiprocessing.process", "BaseProcess._bootstrap", "callable", "what each child ran and how it ended"),
    ("multiprocessing.process", "BaseProcess.is_alive", "callable", "waiting by is_alive()"),
    ("multiprocessing.process", "BaseProcess.terminate", "callable", "terminate() calls"),
    ("multiprocessing.process", "BaseProcess.exitcode", "property", "exit codes read by the student's code"),
    ("multiprocessing.process", "BaseProcess.ident", "property", "PIDs read off Process objects"),
    ("multiprocessing.process", "_children", "attribute", "waiting by active_children()"),
    ("multiprocessing.process", "_cleanup", "callable", "waiting by active_children()"),
    ("multiprocessing.reduction", "ForkingPickler.dumps", "callable", "PIDs sent between processes"),
    ("multiprocessing.reduction", "ForkingPickler.loads", "callable", "PIDs received from other processes"),
    ("multiprocessing.connection", "_ConnectionBase.send_bytes", "callable", "raw messages sent"),
    ("multiprocessing.connection", "_ConnectionBase.recv_bytes", "callable", "raw messages received"),
    ("multiprocessing.connection", "_ConnectionBase.recv_bytes_into", "callable", "raw messages received"),
    ("multiprocessing.connection", "wait", "callable", "waits on process sentinels"),
    ("multiprocessing.pool", "Pool.close", "callable", "a pool's shut-down"),
    ("multiprocessing.pool", "Pool.join", "callable", "a pool's shut-down"),
    ("multiprocessing.pool", "Pool.terminate", "callable", "a pool's shut-down"),
    ("multiprocessing.pool", "worker", "callable", "which processes are a pool's workers"),
    ("multiprocessing.sharedctypes", "Synchronized.value", "property", "PIDs passed through a Value"),
    ("multiprocessing.sharedctypes", "_new_value", "callable", "PIDs passed through shared memory"),
    ("multiprocessing.sharedctypes", "rebuild_ctype", "callable", "PIDs passed through shared memory"),
    ("multiprocessing.sharedctypes", "synchronized", "callable", "PIDs passed through a Value"),
    ("multiprocessing.shared_memory", "SharedMemory.close", "callable", "PIDs left in SharedMemory"),
    ("concurrent.futures.process", "_process_worker", "callable", "which processes are an executor's workers"),
    ("threading", "Thread._bootstrap_inner", "callable", "what each thread ran"),
    ("threading", "Thread.join", "callable", "thread joins"),
)


def _lookup(module_name, path):
    value = importlib.import_module(module_name)
    for part in path.split("."):
        holder = value
        value = getattr(value, part)
    return holder, part, value


def problems():
    """['multiprocessing.pool.Pool.close is missing (a pool's shut-down is not recorded)', ...]"""
    found = []
    for module_name, path, kind, costs in ASSUMED:
        name = f"{module_name}.{path}"
        try:
            holder, part, value = _lookup(module_name, path)
        except ImportError:
            found.append(f"{module_name} cannot be imported ({costs}: not recorded)")
            continue
        except AttributeError:
            found.append(f"{name} is missing ({costs}: not recorded)")
            continue
        if kind == "property":
            raw = next((vars(c)[part] for c in getattr(holder, "__mro__", ()) if part in vars(c)), None)
            if not isinstance(raw, property) or raw.fget is None:
                found.append(f"{name} is no longer a property ({costs}: not recorded)")
        elif kind == "callable" and not callable(value):
            found.append(f"{name} is no longer callable ({costs}: not recorded)")
    return found
