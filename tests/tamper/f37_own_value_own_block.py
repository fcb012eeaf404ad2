# attack: a Q1 whose child never sends its PID to the parent writes it into shared memory of its own making (a Value, a RawArray and a SharedMemory block it creates, then attaches again by name), which no other process ever sees; the parent returns child.pid
# task: q1
# honest: 4
# holds: returns_child_pid, child_joined and works_under_spawn fail: shared memory the child made itself reaches no one, so no PID was sent
import multiprocessing
import multiprocessing.sharedctypes
import os
from multiprocessing import shared_memory


def keep_to_myself():
    mine = multiprocessing.Value("l", 0)
    mine.value = os.getpid()
    raw = multiprocessing.sharedctypes.RawArray("l", 4)
    raw[0] = os.getpid()
    block = shared_memory.SharedMemory(create=True, size=16)
    again = shared_memory.SharedMemory(name=block.name)
    again.buf[:8] = os.getpid().to_bytes(8, "little")
    again.close()
    block.close()
    block.unlink()


def child_pid():
    child = multiprocessing.Process(target=keep_to_myself)
    child.start()
    child.join()
    return child.pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
