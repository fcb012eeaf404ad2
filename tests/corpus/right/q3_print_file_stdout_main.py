# task: q3
# print(..., file=sys.stdout) without flush; the main guard calls a main() that reports the exit code.
import multiprocessing
import sys


def my_process_func():
    print("Child process running.", file=sys.stdout)


def create_process() -> multiprocessing.Process:
    worker = multiprocessing.Process(target=my_process_func, args=(), kwargs={})
    worker.start()
    worker.join()
    return worker


def main():
    process = create_process()
    print(f"{process.name} finished with exit code {process.exitcode}", file=sys.stdout)


if __name__ == "__main__":
    main()
