# task: q5
import multiprocessing

if __name__ == "__main__":
    names = ["ana", "ben", "cy"]
    with multiprocessing.Pool(4) as pool:
        print(pool.map(str.upper, names))
