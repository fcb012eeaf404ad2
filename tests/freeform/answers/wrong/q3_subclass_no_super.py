# task: q3
# fails: starts_process, target_runs_in_child, ends_normally
# __init__ without super().__init__(): start() fails in the parent.
import multiprocessing


class Job(multiprocessing.Process):
    def __init__(self, n):
        self.n = n

    def run(self):
        print("job", self.n)


if __name__ == "__main__":
    j = Job(1)
    j.start()
    j.join()
