# task: q3
# fails: target_runs_in_child, ends_normally
# says: too slow for the grader, add up to about 40 s, after 30 s
# Added after the blind measurement of 2026-12-04: the child counts to 8, five seconds apart
# (40 s). Stopped at the time limit: the message says so plainly, and how long the sleeps add up
# to, not that the child "never ran to its end".
import multiprocessing
import time


def slow_counter():
    for n in range(8):
        print("count", n)
        time.sleep(5)


if __name__ == "__main__":
    worker = multiprocessing.Process(target=slow_counter)
    worker.start()
    worker.join()
