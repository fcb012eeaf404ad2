# attack: a Q6 whose processes run one after another waits for each child's exit with a blocking waitid(WEXITED | WNOWAIT), which reaps nothing, before it starts the next; it joins all four at the end
# task: q6
# honest: 11
# holds: started_before_joined fails: each process had ended before the next one started
import multiprocessing
import os


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def _wait_without_reaping(pid):
    # The child is waited for (it has exited) but stays unreaped: the observer
    # notes no wait, and the recorder sees no join().
    os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)  # blocks until the child has exited


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
