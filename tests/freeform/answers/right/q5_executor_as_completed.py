# task: q5
import concurrent.futures

def word_upper(w):
    return w.upper()

if __name__ == "__main__":
    words = ["alpha", "beta", "gamma"]
    with concurrent.futures.ProcessPoolExecutor(4) as ex:
        jobs = {ex.submit(word_upper, w): w for w in words}
        for done in concurrent.futures.as_completed(jobs):
            print(jobs[done], "=>", done.result())
