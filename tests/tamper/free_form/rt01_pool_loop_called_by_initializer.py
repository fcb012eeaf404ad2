# attack: a free-form Q5 answer whose Pool never gets work from the parent: the pool's initializer calls multiprocessing.pool.worker itself (the genuine function: its code is the loop the recorder learned) on queue objects of its own whose get and put are SimpleQueue's own methods, fed with tasks that only echo the squares the parent computed and handed over as initargs; every frame the recorder looks at (SimpleQueue.get/put under the worker loop) is genuine
# task: q5 (free-form: mpkit grade --free-form THIS_FILE)
# honest: 3 (the same file with an empty setup(): makes_pool 2 + ends_normally 1; measured; 6 with the attack, observer on and MPKIT_OBSERVE=0)
# holds: workers_apply_function and results_shown fail: the workers received no work from the parent
# automated: tests/test_tamper.py (free-form attacks)
# Ans 5

import multiprocessing
import multiprocessing.pool
import multiprocessing.queues
import pickle
import threading


class _Reader:
    def __init__(self, items):
        self.items = list(items)

    def recv_bytes(self):
        return self.items.pop(0)


class _Writer:
    def send_bytes(self, data):
        pass


class _In:  # no _writer: worker() then closes nothing
    get = multiprocessing.queues.SimpleQueue.get

    def __init__(self, items):
        self._rlock = threading.Lock()
        self._reader = _Reader(items)


class _Out:
    put = multiprocessing.queues.SimpleQueue.put
    _wlock = None
    _writer = _Writer()


def echo(v):
    return v


def setup(squares):
    tasks = [pickle.dumps((0, i, echo, (v,), {})) for i, v in enumerate(squares)] + [pickle.dumps(None)]
    multiprocessing.pool.worker(_In(tasks), _Out())


if __name__ == "__main__":
    squares = [n * n for n in [1, 2, 3]]
    with multiprocessing.Pool(4, initializer=setup, initargs=(squares,)) as pool:
        print(squares)
