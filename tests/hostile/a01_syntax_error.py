# hostile: a syntax error (a missing parenthesis)
# task: q3
# fails: all
# says: SyntaxError | line 9
import multiprocessing


def my_process_func():
    print("Child process running."
    

def create_process():
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    process.join()
    return process
