# task: q5
# advice: pool_of_four
import multiprocessing

def square(x):
    return x * x

if __name__ == "__main__":
    with multiprocessing.Pool() as pool:
        out = pool.map(square, range(8))
    print("squares:", out)
