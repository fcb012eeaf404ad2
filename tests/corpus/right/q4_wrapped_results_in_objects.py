# task: q4
# parallel_map is decorated (functools.wraps); the workers send each result
# inside a slotted object and a namedtuple, through a partial made per call.
import functools
import multiprocessing
from collections import namedtuple

Item = namedtuple("Item", ["index", "value"])


class Box:
    __slots__ = ("item",)

    def __init__(self, item):
        self.item = item


def apply_one(func, pair):
    index, x = pair
    return Box(Item(index, func(x)))


def checked(func):
    @functools.wraps(func)
    def wrapper(func_, items, processes=4):
        return func(func_, list(items), processes)
    return wrapper


@checked
def parallel_map(func, items, processes=4, pool_class=multiprocessing.Pool):
    with pool_class(processes=processes) as pool:
        boxes = pool.map(functools.partial(apply_one, func), list(enumerate(items)))
    return [box.item.value for box in sorted(boxes, key=lambda box: box.item.index)]


def double(x):
    return 2 * x


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
