# task: q3
import multiprocessing as mp


def greet(name):
    print(f"Hello {name}, this is the child process")


if __name__ == "__main__":
    p = mp.Process(target=greet, args=("Ana",))
    p.start()
    p.join()
    print("Parent: child finished")
