# task: q5
import multiprocessing

def cube(x):
    return x ** 3

if __name__ == "__main__":
    pool = multiprocessing.Pool(processes=4)
    results = pool.map(cube, [1, 2, 3, 4, 5, 6])
    pool.close()
    pool.join()
    print(results)
