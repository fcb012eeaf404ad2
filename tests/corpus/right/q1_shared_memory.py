# task: q1
# multiprocessing.shared_memory: the child attaches to the block by name, writes its PID as 8 bytes
# and closes its view; the parent reads the block after the join, then frees it.
import multiprocessing
import os
from multiprocessing import shared_memory


def write_my_pid(name):
    block = shared_memory.SharedMemory(name=name)
    block.buf[:8] = os.getpid().to_bytes(8, "little")
    block.close()


def child_pid() -> int:
    block = shared_memory.SharedMemory(create=True, size=8)
    try:
        child = multiprocessing.Process(target=write_my_pid, args=(block.name,))
        child.start()
        child.join()
        return int.from_bytes(block.buf[:8], "little")
    finally:
        block.close()
        block.unlink()


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
