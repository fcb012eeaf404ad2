# task: q1
# fails: returns_child_pid, child_joined, works_under_spawn
# says: read off its Process object (.pid), never sent its own PID
# The child sends nothing; the parent finds it with active_children() and returns its .pid.
import multiprocessing


def wait_for(go):
    go.wait(10)


def child_pid() -> int:
    go = multiprocessing.Event()
    child = multiprocessing.Process(target=wait_for, args=(go,))
    child.start()
    pid = multiprocessing.active_children()[0].pid  # the child waits for `go`: it is still running
    go.set()
    child.join()
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
