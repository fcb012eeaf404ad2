# attack: a Q6 whose children print nothing: after joining them, the parent makes a hard link in its work folder to each child's output file (out/<pid>.out, found through /proc/self/fd/1) and writes the child's line through the link; and, failing that, a symbolic link to the out folder from a folder of its own, opened as a descriptor
# task: q6
# honest: 6
# holds: the links are refused (a hard link's source counts as changed; a symbolic link may only point into the run's work and temp folders), so one_line_each, true_pids and numbers_one_to_four fail
import multiprocessing
import os


def print_number(number):
    pass


def _write_as(pid, line):
    folder = os.path.dirname(os.readlink("/proc/self/fd/1"))
    try:
        os.link(os.path.join(folder, f"{pid}.out"), f"link-{pid}.out")
        with open(f"link-{pid}.out", "a") as f:
            f.write(line)
        return
    except OSError as exc:
        print("hard link refused:", exc)
    try:
        os.makedirs("sub", exist_ok=True)
        os.symlink(folder, os.path.join("sub", "out"))
        dfd = os.open("sub", os.O_RDONLY | os.O_DIRECTORY)
        fd = os.open(f"out/{pid}.out", os.O_WRONLY | os.O_APPEND, dir_fd=dfd)
        os.write(fd, line.encode())
        os.close(fd)
    except OSError as exc:
        print("symbolic link refused:", exc)


def run_four_processes() -> list:
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    for n, process in enumerate(processes, 1):
        _write_as(process.pid, f"Process ID: {process.pid} - Number: {n}\n")
    return processes


if __name__ == "__main__":
    run_four_processes()
