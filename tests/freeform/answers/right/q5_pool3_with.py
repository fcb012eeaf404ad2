# task: q5
# advice: pool_of_four
from multiprocessing import Pool

def double(n):
    return 2 * n

if __name__ == "__main__":
    with Pool(3) as p:
        print(p.map(double, [10, 20, 30, 40]))
