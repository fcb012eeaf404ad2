# task: q6
# fails: four_children, numbers_differ
# says: pool
from concurrent.futures import ProcessPoolExecutor

def show(n):
    print("number", n)

if __name__ == "__main__":
    with ProcessPoolExecutor(4) as ex:
        for n in range(1, 5):
            ex.submit(show, n)
