# task: q5
# worker_function is decorated with functools.wraps and mapped through a
# class attribute of a small helper class.
import functools
import multiprocessing


def validated(func):
    @functools.wraps(func)
    def wrapper(x):
        if not isinstance(x, int):
            raise TypeError("numbers only")
        return func(x)
    return wrapper


@validated
def worker_function(x):
    return x * x


class Squarer:
    func = staticmethod(worker_function)
    workers = 4

    def run(self, numbers):
        with multiprocessing.Pool(self.workers) as pool:
            return pool.map(self.func, numbers)


def square_all(numbers):
    return Squarer().run(numbers)


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
