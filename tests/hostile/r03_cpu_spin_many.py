# hostile: a CPU spin in many processes at once
# task: q4
# fails: runs
# says: still running after 3 s
# hangs: yes
# alone: yes
import multiprocessing


def spin():
    while True:
        pass


def parallel_map(func, items, processes=4):
    spinners = [multiprocessing.Process(target=spin) for _ in range(16)]
    for p in spinners:
        p.start()
    for p in spinners:
        p.join()
    with multiprocessing.Pool(processes=processes) as pool:
        return pool.map(func, items)


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
