# task: q6
import multiprocessing

def worker(number):
    print("I got", number)

if __name__ == "__main__":
    jobs = []
    for number in [5, 6, 7, 8]:
        job = multiprocessing.Process(target=worker, args=[number])
        jobs.append(job)
        job.start()
    for job in jobs:
        job.join()
