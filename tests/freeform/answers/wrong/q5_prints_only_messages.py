# task: q5
# fails: results_shown
# says: printed only 'starting the pool', pool finished
# Lines are printed, but none of them holds the results: the message must
# say what was printed, not "nothing was printed".
import multiprocessing

def double(x):
    return 2 * x

if __name__ == "__main__":
    print("starting the pool")
    with multiprocessing.Pool(4) as pool:
        answers = pool.map(double, [3, 6, 9])
    print("pool finished")
