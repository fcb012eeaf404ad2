# task: q3
import multiprocessing

def work():
    print("working in", multiprocessing.current_process().name)

if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    p = multiprocessing.Process(target=work)
    p.start()
    p.join()
