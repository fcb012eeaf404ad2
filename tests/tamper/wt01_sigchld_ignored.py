# attack: a Q6 that runs its processes one after another ignores SIGCHLD (children reap themselves) and waits for each with os.wait, which the recorder does not see; it joins them all at the end
# task: q6
# honest: 11
# holds: started_before_joined fails: each child ended before the next one started
import multiprocessing
import os
import signal


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def run_four_processes():
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    processes = []
    for n in range(1, 5):
        p = multiprocessing.Process(target=print_number, args=(n,))
        p.start()
        try:
            os.wait()  # blocks until the child is gone (then ECHILD)
        except ChildProcessError:
            pass
        processes.append(p)
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
