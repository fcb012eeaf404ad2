# task: q1
# The Value starts with the parent's own PID; the child writes its PID over it (their high bytes
# are the same: those bytes were there before the child was born and still count as its own).
import multiprocessing, os
def work(v):
    v.value = os.getpid()   # overwrite the parent's PID with mine
def child_pid():
    v = multiprocessing.Value("i", os.getpid())
    p = multiprocessing.Process(target=work, args=(v,))
    p.start(); p.join()
    assert v.value != os.getpid()
    return v.value
ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
