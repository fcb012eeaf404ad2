# hostile: time.sleep(10**9) at import
# task: q2
# fails: runs
# says: importing the file did not finish within 3 s
# hangs: yes
import multiprocessing
import threading
import time

COUNTER = 0
time.sleep(10**9)


def increment():
    global COUNTER
    COUNTER += 1


def counter_after_process():
    child = multiprocessing.Process(target=increment)
    child.start()
    child.join()
    return COUNTER


def counter_after_thread():
    thread = threading.Thread(target=increment)
    thread.start()
    thread.join()
    return COUNTER


ANSWERS = {"threads_share_memory": True, "gil_limits_threads": True, "process_crash_kills_siblings": False,
           "processes_cheaper_than_threads": False}
