# attack: a Q3 that leaves its child running (never joined, it sleeps on) writes the child's PID into multiprocessing's resource tracker (resource_tracker._resource_tracker._pid), which the harness reads when the call has returned to tell multiprocessing's own helpers from the student's processes: the child is then left out of the "alive" line
# task: q3
# honest: 6
# holds: child_joined and no_leftover_processes fail: the child was still running when create_process() returned
import multiprocessing
import multiprocessing.resource_tracker
import time


def my_process_func():
    print("Child process running.", flush=True)
    time.sleep(3)


def create_process():
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    tracker = getattr(multiprocessing.resource_tracker, "_resource_tracker", None)
    if tracker is not None:
        tracker._pid = process.pid  # the harness: "a helper of multiprocessing's"
    return process


if __name__ == "__main__":
    create_process()
