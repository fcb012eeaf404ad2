# task: q6
import multiprocessing

def bump(counter, lock):
    with lock:
        counter.value += 1
        print("my number is", counter.value)

if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    lock = multiprocessing.Lock()
    ps = [multiprocessing.Process(target=bump, args=(counter, lock)) for _ in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
