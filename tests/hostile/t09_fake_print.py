# hostile: no processes at all: builtins.print is patched to print made-up, distinct PIDs
# task: q6
# fails: four_children one_line_each true_pids numbers_one_to_four started_before_joined all_joined returns_processes program_runs works_under_spawn
# says: exactly four child processes | no child process was started
import builtins
import itertools
import multiprocessing
import os

_real_print = builtins.print
_fake_pids = itertools.count(31000)


def _print(*args, **kwargs):
    text = " ".join(map(str, args)).replace(f"Process ID: {os.getpid()}", f"Process ID: {next(_fake_pids)}")
    _real_print(text, **kwargs)


builtins.print = _print


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def run_four_processes():
    for n in range(1, 5):
        print_number(n)
    return []


if __name__ == "__main__":
    run_four_processes()
