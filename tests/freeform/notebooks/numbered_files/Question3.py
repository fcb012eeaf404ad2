import multiprocessing

def greet(who):
    print("hi", who, "from the child")

if __name__ == "__main__":
    child = multiprocessing.Process(target=greet, args=("there",))
    child.start()
    child.join()
    print("parent done")
