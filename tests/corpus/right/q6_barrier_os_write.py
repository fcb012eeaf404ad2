# task: q6
# A Barrier lines the four children up; each writes its line with one os.write(1, ...).
import multiprocessing
import os


def print_number(number, barrier=None):
    if barrier is not None:
        barrier.wait(timeout=5)
    os.write(1, f"Process ID: {os.getpid()} - Number: {number}\n".encode())


def run_four_processes():
    barrier = multiprocessing.Barrier(4)
    processes = [multiprocessing.Process(target=print_number, args=(n, barrier)) for n in range(1, 5)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
