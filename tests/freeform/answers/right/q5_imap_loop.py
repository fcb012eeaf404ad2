# task: q5
from multiprocessing import Pool


def add_ten(v):
    return v + 10


if __name__ == "__main__":
    with Pool(4) as pool:
        for r in pool.imap(add_ten, range(6)):
            print(r)
