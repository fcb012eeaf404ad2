# task: q6
# fails: each_prints_number, numbers_differ
# advice: main_guard
import multiprocessing

def show(n):
    print(n)

multiprocessing.set_start_method("spawn")
ps = [multiprocessing.Process(target=show, args=(n,)) for n in range(1, 5)]
for p in ps:
    p.start()
for p in ps:
    p.join()
