# task: q5
# fails: workers_apply_function, results_shown, ends_normally
import multiprocessing


def main():
    def square(x):
        return x * x

    with multiprocessing.Pool(4) as pool:
        print(pool.map(square, [1, 2, 3]))


if __name__ == "__main__":
    main()
