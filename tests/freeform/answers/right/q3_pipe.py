# task: q3
from multiprocessing import Pipe, Process


def child(conn):
    conn.send([1, 2, 3])
    conn.close()


if __name__ == "__main__":
    parent_end, child_end = Pipe()
    p = Process(target=child, args=(child_end,))
    p.start()
    print("received:", parent_end.recv())
    p.join()
