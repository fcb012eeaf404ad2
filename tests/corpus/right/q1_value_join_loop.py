# task: q1
# The child stores its PID in a shared Value; the parent joins with a timeout in a loop; main() under the guard.
import multiprocessing
import os
import sys


def send_my_pid(shared):
    with shared.get_lock():
        shared.value = os.getpid()


def child_pid() -> int:
    shared = multiprocessing.Value("l", -1)
    child = multiprocessing.Process(target=send_my_pid, args=(shared,))
    child.start()
    while child.exitcode is None:
        child.join(timeout=0.05)
    return shared.value


ANSWERS = {
    "separate_memory": True,
    "uses_multiple_cores": True,
    "child_changes_parent_globals": False,
}

EXPLANATION = """Each process is its own interpreter, so several run at once on several cores."""


def main():
    print("child PID:", child_pid(), "- parent PID:", os.getpid(), file=sys.stdout)


if __name__ == "__main__":
    main()
