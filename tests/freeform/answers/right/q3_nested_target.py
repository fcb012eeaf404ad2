# task: q3
import multiprocessing


def main():
    def inner():
        print("inner function running in the child")

    worker = multiprocessing.Process(target=inner)
    worker.start()
    worker.join()


if __name__ == "__main__":
    main()
