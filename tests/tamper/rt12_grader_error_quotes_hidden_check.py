# attack: a Q6 answer whose run_four_processes() returns its four processes and one more item, an empty dict: the hidden check returns_processes sorts the items' "$process" values, None and ints, and raises TypeError; the grader's error is reported with its whole traceback (engine/plugin.py: traceback.format_exception), whose frames quote the hidden grader's source line and path into results.json and the HTML report
# task: q6
# honest: full
# leak: if isinstance(v, dict)) if isinstance(value, list) else None
# measured: 12 of 13 (returns_processes is an error); results.json, the HTML report and stderr hold the line of graders/test_q6_four_processes.py (test_returns_processes, a hidden check that mpkit release leaves out of the students' graders), observer on and MPKIT_OBSERVE=0
# holds: no output holds hidden grader text
import multiprocessing
import os


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def run_four_processes() -> list:
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return processes + [{}]  # an item whose "$process" is None: sorted() of None and ints raises in the grader


if __name__ == "__main__":
    run_four_processes()
