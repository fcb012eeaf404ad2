# task: q3
import multiprocessing

def count_down():
    for n in range(3, 0, -1):
        print(n)
    print("lift off")

if __name__ == "__main__":
    p = multiprocessing.Process(target=count_down)
    p.start()
    p.join()
    p.close()
