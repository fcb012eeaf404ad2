# task: q5
# fails: workers_apply_function, results_shown
import multiprocessing

if __name__ == "__main__":
    pool = multiprocessing.Pool(4)
    print("Pool created with 4 workers")
    pool.close()
    pool.join()
