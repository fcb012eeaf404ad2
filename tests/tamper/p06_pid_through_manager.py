# attack: a Q1 whose child sends nothing; the parent puts child.pid on a Manager's queue (another process holds it) and gets it back
# task: q1
# honest: 4
# holds: returns_child_pid, child_joined and works_under_spawn fail: the manager process got the PID from the parent, not from the child
import multiprocessing


def send_my_pid(queue):
    pass


def child_pid():
    with multiprocessing.Manager() as manager:
        queue = manager.Queue()
        child = multiprocessing.Process(target=send_my_pid, args=(queue,))
        child.start()
        child.join()
        queue.put(child.pid)
        return queue.get()


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
