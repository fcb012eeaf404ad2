# task: q1
# A one-worker ProcessPoolExecutor: its worker is a child process that returns its PID.
import os
from concurrent.futures import ProcessPoolExecutor


def child_pid() -> int:
    with ProcessPoolExecutor(max_workers=1) as executor:
        return executor.submit(os.getpid).result()


ANSWERS = {
    'separate_memory': True,
    'uses_multiple_cores': True,
    'child_changes_parent_globals': False,
}
