# task: q5
# fails: makes_pool, workers_apply_function, results_shown
# says: not a pool
import multiprocessing

def square(x):
    print(x * x)

if __name__ == "__main__":
    procs = [multiprocessing.Process(target=square, args=(i,)) for i in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
