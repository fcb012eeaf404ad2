# task: q3
# The program chooses spawn itself, under the main guard; print with flush=True.
import multiprocessing


def my_process_func():
    print("Child process running.", flush=True)


def create_process():
    p = multiprocessing.Process(target=my_process_func, name="printer")
    p.start()
    p.join(timeout=30)
    return p


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    process = create_process()
    print("child exit code:", process.exitcode)
