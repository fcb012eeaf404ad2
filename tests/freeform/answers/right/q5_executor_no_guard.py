# task: q5
# advice: main_guard
from concurrent.futures import ProcessPoolExecutor

def square(x):
    return x * x

with ProcessPoolExecutor(max_workers=4) as pool:
    print(list(pool.map(square, [1, 2, 3])))
