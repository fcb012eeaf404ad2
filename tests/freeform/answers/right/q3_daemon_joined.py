# task: q3
import multiprocessing

def background():
    print("daemon child running")

if __name__ == "__main__":
    d = multiprocessing.Process(target=background, daemon=True)
    d.start()
    d.join()
