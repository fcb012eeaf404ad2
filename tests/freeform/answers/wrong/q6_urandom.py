# task: q6
# fails: numbers_differ
# says: os.urandom
# Bytes from the operating system's random source, turned into a number.
import multiprocessing
import os

def pick():
    n = int.from_bytes(os.urandom(1), "little")
    print(f"I picked {n}")

if __name__ == "__main__":
    ps = []
    for _ in range(4):
        p = multiprocessing.Process(target=pick)
        p.start()
        ps.append(p)
    for p in ps:
        p.join()
