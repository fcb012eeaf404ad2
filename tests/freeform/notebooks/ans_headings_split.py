#!/usr/bin/env python
# coding: utf-8

# # Assignment 7: multiprocessing
# Priya, section B

# In[1]:


import multiprocessing
import os
import time


# Ans 1: multiprocessing runs several processes at once; each has its own memory, so CPU work
# can use every core.

# In[ ]:





# Ans 3

# In[2]:


def child_work():
    print("child", os.getpid(), "started")
    time.sleep(0.1)
    print("child finished")


# In[3]:


p = multiprocessing.Process(target=child_work)


# In[4]:


p.start()
p.join()
print("parent done")


# Ans 5

# In[5]:


def square(n):
    return n * n

if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        print(pool.starmap(pow, [(2, 2), (3, 2), (4, 2)]))
        print(pool.map(square, range(4)))


# Ans 6

# In[6]:


def show():
    print("number", 1)

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=show) for _ in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
