# task: q1
# A Process subclass overriding run(), sending its PID through a Pipe.
import multiprocessing
import os


class PidSender(multiprocessing.Process):
    def __init__(self, conn):
        super().__init__()
        self.conn = conn

    def run(self):
        self.conn.send(os.getpid())
        self.conn.close()


def child_pid() -> int:
    receiver, sender = multiprocessing.Pipe(duplex=False)
    child = PidSender(sender)
    child.start()
    pid = receiver.recv()
    child.join()
    return pid


ANSWERS = {
    "separate_memory": True,
    "uses_multiple_cores": True,
    "child_changes_parent_globals": False,
}
EXPLANATION = "Separate processes, separate interpreters, several cores."
