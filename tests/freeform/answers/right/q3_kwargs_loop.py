# task: q3
import multiprocessing


def repeat(word, times=1):
    for _ in range(times):
        print(word)


if __name__ == "__main__":
    child = multiprocessing.Process(target=repeat, args=("ping",), kwargs={"times": 3})
    child.start()
    child.join()
    print("exit code of child:", child.exitcode)
