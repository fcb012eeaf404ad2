# coding: utf-8

# In[1]:


# Q3.
from multiprocessing import Process, Pool
import os

def hello():
    print("hello from", os.getpid())

if __name__ == "__main__":
    p = Process(target=hello)
    p.start()
    p.join()

# Q5.
def square(x):
    return x * x

if __name__ == "__main__":
    with Pool(4) as pool:
        print(pool.map(square, [1, 2, 3, 4]))

# Q6.
def number(n):
    print("Number:", n)

if __name__ == "__main__":
    procs = [Process(target=number, args=(n,)) for n in range(1, 5)]
    for pr in procs:
        pr.start()
    for pr in procs:
        pr.join()
