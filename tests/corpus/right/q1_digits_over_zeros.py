# task: q1
# A char array filled with '0's; the child writes its PID's digits over them (a '0' digit of the
# PID left as it was still counts as the child's).
import multiprocessing, os
def work(arr):
    arr.value = str(os.getpid()).encode()
def child_pid():
    arr = multiprocessing.Array("c", b"0000000000")
    p = multiprocessing.Process(target=work, args=(arr,))
    p.start(); p.join()
    return int(arr.value)
ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
