# task: q5
from concurrent.futures import ProcessPoolExecutor

def negate(x):
    return -x

if __name__ == "__main__":
    ex = ProcessPoolExecutor(4)
    values = list(ex.map(negate, [1, 2, 3, 4]))
    ex.shutdown()
    print(values)
