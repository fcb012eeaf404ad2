# task: q3
# my_process_func is decorated (functools.wraps) and run by a Process
# subclass through a class attribute: the child's target is its own run().
import functools
import multiprocessing


def announced(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


@announced
def my_process_func():
    print("Child process running.")


class Runner(multiprocessing.Process):
    job = staticmethod(my_process_func)

    def run(self):
        self.job()


def create_process():
    process = Runner()
    process.start()
    process.join()
    return process


if __name__ == "__main__":
    create_process()
