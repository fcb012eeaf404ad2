# task: q6
# fails: four_children, each_prints_number, numbers_differ, ends_normally
import multiprocessing


class Show(multiprocessing.Process):
    def __init__(self, n):
        self.n = n

    def run(self):
        print(self.n)


if __name__ == "__main__":
    ps = [Show(n) for n in range(1, 5)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
