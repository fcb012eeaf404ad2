# task: q6
# fails: true_pids, program_runs, works_under_spawn
# Makes up a "PID" from the number (1000 + number) instead of asking the OS.
import multiprocessing


def print_number(number):
    print(f"Process ID: {1000 + number} - Number: {number}")


def run_four_processes():
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
