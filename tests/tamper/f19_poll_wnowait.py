# attack: a Q6 whose processes run one after another waits for each child's exit with waitid(WNOHANG | WNOWAIT) polls, which reap nothing and do not block, before it starts the next; it joins all four at the end
# task: q6
# honest: 11
# holds: started_before_joined fails: each process had ended before the next one started
import multiprocessing
import os
import time


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def _wait_without_reaping(pid):
    # The child is waited for (it has exited) but stays unreaped: no reap for
    # the kernel's record of waits, no join() for the recorder's.
    while os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
        time.sleep(0.005)


def run_four_processes():
    processes = []
    for n in range(1, 5):
        process = multiprocessing.Process(target=print_number, args=(n,))
        process.start()
        _wait_without_reaping(process.pid)
        processes.append(process)
    for process in processes:
        process.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
