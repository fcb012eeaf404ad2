# hostile: monkeypatches multiprocessing.current_process to hand out made-up, distinct PIDs
# task: q6
# fails: true_pids program_runs works_under_spawn
# says: says PID 4242
import multiprocessing


class _FakeProcess:
    pid = 4241


multiprocessing.current_process = lambda: _FakeProcess()


def print_number(number):
    print(f"Process ID: {multiprocessing.current_process().pid + number} - Number: {number}", flush=True)


def run_four_processes():
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
