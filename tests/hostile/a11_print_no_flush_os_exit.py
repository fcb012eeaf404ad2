# hostile: the children print without flush and end with os._exit: their lines are lost
# task: q6
# fails: one_line_each true_pids numbers_one_to_four program_runs works_under_spawn
# says: printed nothing | os._exit
import multiprocessing
import os


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}")
    os._exit(0)


def run_four_processes():
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
