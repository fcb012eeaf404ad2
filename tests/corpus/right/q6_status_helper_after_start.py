# task: q6
# Reports each process's state through a helper right after starting it (a
# child may already have ended: a look, not a wait), then joins all four.
import multiprocessing
import os


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def status(process):
    return "running" if process.is_alive() else f"done (exit code {process.exitcode})"


def run_four_processes():
    processes = []
    for n in range(1, 5):
        p = multiprocessing.Process(target=print_number, args=(n,))
        p.start()
        print(f"{p.name}: {status(p)}")
        processes.append(p)
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
