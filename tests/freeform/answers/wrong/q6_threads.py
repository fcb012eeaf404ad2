# task: q6
# fails: four_children, each_prints_number, numbers_differ
# says: thread
import threading

def show(n):
    print(n)

if __name__ == "__main__":
    ts = [threading.Thread(target=show, args=(n,)) for n in range(1, 5)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
