# task: q3
# fails: target_runs_in_child
# says: keyboard input, fixed values
# The child asks for a name. Children read an empty standard input too:
# input() raises EOFError in the child, which ends with exit code 1.
from multiprocessing import Process

def greet():
    name = input("What is your name? ")
    print("Hello", name)

if __name__ == "__main__":
    p = Process(target=greet)
    p.start()
    p.join()
    print("done")
