# task: q6
# fails: started_before_joined
# says: waited for an earlier process
# Waits for each process's sentinel right after starting it (one after another), then joins all.
import multiprocessing
import multiprocessing.connection
import os


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def run_four_processes():
    ps = []
    for n in range(1, 5):
        p = multiprocessing.Process(target=print_number, args=(n,))
        p.start()
        multiprocessing.connection.wait([p.sentinel])
        ps.append(p)
    for p in ps:
        p.join()
    return ps


if __name__ == "__main__":
    run_four_processes()
