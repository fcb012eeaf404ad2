# task: q6
# An Event set by the parent once all four are started; the PID from current_process().pid; main().
import multiprocessing


def print_number(number, go=None):
    if go is not None:
        go.wait(5)
    me = multiprocessing.current_process()
    print(f"Process ID: {me.pid} - Number: {number}", flush=True)


def run_four_processes():
    go = multiprocessing.Event()
    processes = []
    for number in (1, 2, 3, 4):
        process = multiprocessing.Process(target=print_number, args=(number, go), daemon=True)
        process.start()
        processes.append(process)
    go.set()
    for process in processes:
        process.join()
    return processes


def main():
    for process in run_four_processes():
        print("exit code", process.exitcode)


if __name__ == "__main__":
    main()
