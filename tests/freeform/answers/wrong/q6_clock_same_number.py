# task: q6
# fails: numbers_differ
# says: both printed 3
# All four print 3 after the time of day (HH:MM:SS.ffffff): a clock is not
# the process's number, whichever moment each process printed at.
import datetime
import multiprocessing

def stamp():
    now = datetime.datetime.now().strftime("%H:%M:%S.%f")
    print(f"[{now}] the number is 3")

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=stamp) for _ in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
