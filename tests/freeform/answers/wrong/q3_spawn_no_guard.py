# task: q3
# fails: target_runs_in_child
# advice: main_guard
# spawn chosen by the student, no __main__ guard: each child runs the
# top-level code again and fails.
import multiprocessing

def task():
    print("child ok")

multiprocessing.set_start_method("spawn")
p = multiprocessing.Process(target=task)
p.start()
p.join()
