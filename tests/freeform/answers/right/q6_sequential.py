# task: q6
# advice: started_before_joined
# start-join, start-join: four processes all the same, one after another.
import multiprocessing

def show(i):
    print(f"Process {i} prints {i * 100}")

if __name__ == "__main__":
    for i in range(1, 5):
        p = multiprocessing.Process(target=show, args=(i,))
        p.start()
        p.join()
