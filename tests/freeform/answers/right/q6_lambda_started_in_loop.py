# task: q6
# Under fork each child is a copy made at start(), when i has its value.
import multiprocessing

if __name__ == "__main__":
    ps = []
    for i in range(1, 5):
        p = multiprocessing.Process(target=lambda: print("value", i))
        p.start()
        ps.append(p)
    for p in ps:
        p.join()
