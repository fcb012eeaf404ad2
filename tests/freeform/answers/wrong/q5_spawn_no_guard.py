# task: q5
# fails: workers_apply_function, results_shown, ends_normally
# advice: main_guard
# spawn chosen by the student, no __main__ guard: every worker runs the
# top-level code again and fails; the pool never gets its work done.
import multiprocessing

def square(x):
    return x * x

multiprocessing.set_start_method("spawn")
pool = multiprocessing.Pool(2)
print(pool.map(square, [1, 2, 3]))
pool.close()
pool.join()
