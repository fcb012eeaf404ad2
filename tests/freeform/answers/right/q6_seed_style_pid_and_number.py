# task: q6
import os
from multiprocessing import Process

def print_number(number):
    print("PID:", os.getpid(), "Number:", number)

if __name__ == "__main__":
    processes = []
    for i in range(4):
        process = Process(target=print_number, args=(i + 1,))
        processes.append(process)
        process.start()
    for process in processes:
        process.join()
