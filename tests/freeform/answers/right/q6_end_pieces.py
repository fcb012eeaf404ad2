# task: q6
# advice: one_print_per_line
import multiprocessing

def show(n):
    print("Number:", end=" ")
    print(n)

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=show, args=(n,)) for n in range(1, 5)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
