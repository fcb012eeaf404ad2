# attack: a Q5 with no multiprocessing.Pool at all: four hand-made Processes whose target is a callable named "multiprocessing.pool.worker" (instance attributes __module__ and __qualname__: the recorder names a target by them, record.py takes that name for a Pool's worker, and pool_of() puts all four in one pool through the shared first argument), all alive at once behind a Barrier; Pool.terminate (the recorder's traced method) called on an object of its own records the pool's shutdown
# task: q5
# honest: 6
# measured: the same file without the renaming and the terminate call: 6; with them 11 (full), observer on and MPKIT_OBSERVE=0
# holds: pool_of_four, squares_in_workers, works_under_spawn and no_leftover_processes fail: no Pool was made
import multiprocessing
import multiprocessing.pool


def worker_function(x):
    return x * x


class _Tag:
    """The first argument of every process: the recorder keeps a pool's number on it."""


class _Work:
    """What each hand-made process runs, named as a Pool's worker loop (the recorder names
    a target by its __module__ and __qualname__); an instance pickles by its class under spawn."""

    def __init__(self):
        self.__module__, self.__qualname__ = "multiprocessing.pool", "worker"

    def __call__(self, tag, numbers, results, ready):
        ready.wait()  # all four alive at once: a pool of 4
        for x in numbers:
            results.put((x, worker_function(x)))


class _Shut:
    def _terminate(self):
        pass


def square_all(numbers) -> list:
    results = multiprocessing.Queue()
    ready = multiprocessing.Barrier(4)
    tag = _Tag()
    procs = [multiprocessing.Process(target=_Work(), args=(tag, numbers[i::4], results, ready)) for i in range(4)]
    for p in procs:
        p.start()
    found = dict(results.get() for _ in numbers)
    for p in procs:
        p.join()
    multiprocessing.pool.Pool.terminate(_Shut())  # the recorder's "pool terminate" for no pool at all
    return [found[x] for x in numbers]


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
