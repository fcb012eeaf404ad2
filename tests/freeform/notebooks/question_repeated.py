# coding: utf-8

# In[1]:


Question 1: What is multiprocessing in Python? Why is it useful?
Answer: several processes run at the same time; each has its own memory and its own interpreter,
so it gets around the GIL for CPU-bound work.


# In[2]:


Question 3: Write a Python program to create a process using the multiprocessing module.


# In[3]:


# Question 3: Write a Python program to create a process using the multiprocessing module.
import multiprocessing

def greet():
    print("greetings from the child")

if __name__ == "__main__":
    p = multiprocessing.Process(target=greet)
    p.start()
    p.join()

greetings from the child


# In[4]:


Question 5 - How can you create a pool of worker processes in Python using the multiprocessing module?


# In[5]:


# How can you create a pool of worker processes in Python using the multiprocessing module?
from multiprocessing import Pool

def add_one(x):
    return x + 1

if __name__ == "__main__":
    with Pool(4) as pool:
        print(pool.map(add_one, [1, 2, 3]))

[2, 3, 4]


# In[6]:


Question 6 - Write a Python program to create 4 processes, each process should print a different number using the multiprocessing module.


# In[7]:


import multiprocessing

def show(n):
    print("I print", n)

if __name__ == "__main__":
    jobs = [multiprocessing.Process(target=show, args=(n,)) for n in (7, 8, 9, 10)]
    for j in jobs:
        j.start()
    for j in jobs:
        j.join()

I print 7
I print 9
I print 8
I print 10
