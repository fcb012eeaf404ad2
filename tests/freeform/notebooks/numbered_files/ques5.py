from multiprocessing import Pool

def cube(n):
    return n ** 3

if __name__ == "__main__":
    with Pool(processes=4) as pool:
        answers = pool.map(cube, [1, 2, 3, 4, 5])
    print(answers)
