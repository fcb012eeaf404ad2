# task: q3
# args given as a list, not a tuple
import multiprocessing

def factorial(n):
    result = 1
    for k in range(2, n + 1):
        result *= k
    print("factorial of", n, "is", result)

if __name__ == "__main__":
    p = multiprocessing.Process(target=factorial, args=[5])
    p.start()
    p.join()
