# task: q3
import multiprocessing

def producer(q):
    q.put("message from the child")

if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=producer, args=(q,))
    p.start()
    print(q.get())
    p.join()
