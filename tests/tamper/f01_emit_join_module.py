# attack: a Q3 that never joins its child appends a join to its record through the recorder's module
# task: q3
# honest: 7
# holds: child_joined fails (the join never happened); the forgery gains nothing
import multiprocessing
import time


def my_process_func():
    print("Child process running.")


def create_process():
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    time.sleep(1.0)  # the child is done by now, but nobody waits for it
    try:
        import _mpkit_trace

        _mpkit_trace.emit("join_call", child=process.pid, timeout=None, via="join")
        _mpkit_trace.emit("join", child=process.pid, exitcode=0)
    except Exception as exc:
        pass  # refused
    return process


if __name__ == "__main__":
    create_process()
