# task: q1
# fails: returns_child_pid, child_joined, works_under_spawn
# says: read off its Process object (.pid)
# The parent writes child.pid into a shared Value and reads it back: the child sends nothing.
import multiprocessing


def idle(slot):
    pass


def child_pid() -> int:
    slot = multiprocessing.Value("i", 0)
    child = multiprocessing.Process(target=idle, args=(slot,))
    child.start()
    slot.value = child.pid
    child.join()
    return slot.value


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
