# task: q6
# fails: four_children, each_prints_number, numbers_differ
import multiprocessing

def show(n):
    print(n)

if __name__ == "__main__":
    for n in range(1, 5):
        multiprocessing.Process(target=show, args=(n,)).run()
