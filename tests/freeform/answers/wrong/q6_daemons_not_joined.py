# task: q6
# fails: each_prints_number, numbers_differ
# says: daemon
# advice: joins_all
# Daemons never joined: Python stops them at exit, maybe before they print.
# (Added after the first measurement.)
import multiprocessing

def show(n):
    print(n)

if __name__ == "__main__":
    for n in range(1, 5):
        multiprocessing.Process(target=show, args=(n,), daemon=True).start()
