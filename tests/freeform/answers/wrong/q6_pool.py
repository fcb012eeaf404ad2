# task: q6
# fails: four_children, numbers_differ
# says: pool
import multiprocessing

def say(n):
    print("Number", n)

if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        pool.map(say, [1, 2, 3, 4])
