# task: q6
# fails: each_prints_number, numbers_differ
# A process's name ("Process-1") is a name the module gives it, not a number printed.
import multiprocessing

def show():
    print(multiprocessing.current_process().name)

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=show) for _ in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
