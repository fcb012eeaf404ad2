# task: q6
# fails: four_children
# says: 3 child processes
# advice: started_before_joined
import multiprocessing

def say(n):
    print(n)

if __name__ == "__main__":
    for i in range(3):
        p = multiprocessing.Process(target=say, args=(i,))
        p.start()
        p.join()
