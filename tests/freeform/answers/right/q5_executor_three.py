# task: q5
# advice: pool_of_four
from concurrent.futures import ProcessPoolExecutor

def cube(n):
    return n ** 3

if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=3) as ex:
        for value in ex.map(cube, range(5)):
            print(value)
