# task: q6
# fails: four_children, one_line_each, true_pids, numbers_one_to_four, started_before_joined, all_joined, returns_processes, program_runs, works_under_spawn
# says: workers of a Pool
# A Pool of 4 with apply_async instead of four Process objects.
import multiprocessing
import os


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def run_four_processes() -> list:
    with multiprocessing.Pool(4) as pool:
        results = [pool.apply_async(print_number, (n,)) for n in range(1, 5)]
        for r in results:
            r.get()
    return results


if __name__ == "__main__":
    run_four_processes()
