# attack: a Q6 that runs its processes one after another waits for each in a loop whose is_alive() is not the loop's condition (`ended = not p.is_alive()`, then `if ended: break`): the recorder takes it for a look, which reads /proc and reaps nothing, so no wait reaches the kernel; it joins all four at the end
# task: q6
# honest: 11
# holds: started_before_joined fails: the observer holds each child at its exit (RunSpec.hold_exits), so the loop's looks find it running until the hold ends for want of a wait call, which counts as the parent's wait (sandbox/holds.py)
import multiprocessing
import os
import time


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def run_four_processes():
    processes = []
    for n in range(1, 5):
        p = multiprocessing.Process(target=print_number, args=(n,))
        p.start()
        while True:
            ended = not p.is_alive()
            if ended:
                break
            time.sleep(0.01)
        processes.append(p)
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
