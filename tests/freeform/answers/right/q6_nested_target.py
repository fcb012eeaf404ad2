# task: q6
import multiprocessing


def main():
    def say(n):
        print("hello from number", n)

    ps = [multiprocessing.Process(target=say, args=(n,)) for n in range(1, 5)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()


if __name__ == "__main__":
    main()
