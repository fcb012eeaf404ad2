# task: q1
# fails: quiz_answered, quiz_separate_memory, quiz_uses_multiple_cores
# says: you wrote the text 'True' in quotes, Write True without quotes, you wrote the number 1
# The code is right; two quiz answers are written as the text "True" and as the number 1.
import multiprocessing
import os


def send_my_pid(queue):
    queue.put(os.getpid())


def child_pid() -> int:
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=send_my_pid, args=(queue,))
    child.start()
    pid = queue.get()
    child.join()
    return pid


ANSWERS = {"separate_memory": "True", "uses_multiple_cores": 1, "child_changes_parent_globals": False}
