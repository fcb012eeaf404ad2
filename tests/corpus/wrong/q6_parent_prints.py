# task: q6
# fails: one_line_each, true_pids, numbers_one_to_four, program_runs, works_under_spawn
# says: the parent process printed
# The parent prints each line, with the child's real PID; the children print nothing.
import multiprocessing
import time


def print_number(number):
    time.sleep(0.01)


def run_four_processes():
    processes = []
    for number in range(1, 5):
        process = multiprocessing.Process(target=print_number, args=(number,))
        process.start()
        print(f"Process ID: {process.pid} - Number: {number}")
        processes.append(process)
    for process in processes:
        process.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
