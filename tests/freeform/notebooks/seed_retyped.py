# A re-typing of the seed notebook (../shared/seed) in our own words: prose in code cells,
# pasted output, each question's text in one cell and its code in the next.
# coding: utf-8

# In[ ]:


Q1. What is multiprocessing in Python? Why is it useful?

Multiprocessing in Python means running several processes at once, each with its own memory.
It is useful because CPU-bound work can use every core of the machine.


# In[1]:


Q2. Differences between multiprocessing and multithreading:

Memory: processes have their own memory, threads share one.
GIL: threads of one process cannot run Python code in parallel.

Custom exception caught: This is a custom exception.


# In[2]:


Q3. Python code to create a process using the multiprocessing module:

Error: Division by zero is not allowed.
None


# In[12]:


import multiprocessing

def say_hello():
    print("Child process running.")

if __name__ == "__main__":
    # make the process
    proc = multiprocessing.Process(target=say_hello)
    proc.start()
    proc.join()


# In[12]:


Q4. What is a multiprocessing pool in Python? Why is it used?

A pool keeps a few worker processes and hands them tasks; it saves starting a process per task.


# In[13]:


Q5. How to create a pool of worker processes in Python using the multiprocessing module:


# In[14]:


import multiprocessing

def square(n):
    return n * n

if __name__ == "__main__":
    with multiprocessing.Pool(processes=4) as pool:
        out = pool.map(square, [1, 2, 3, 4, 5])
        print(out)


# In[15]:


Q6. Python program to create 4 processes, each process should print a different number using the multiprocessing module:


# In[16]:


import multiprocessing

def show(number):
    print("Process ID:", multiprocessing.current_process().pid, "- Number:", number)

if __name__ == "__main__":
    procs = []
    for n in range(1, 5):
        p = multiprocessing.Process(target=show, args=(n,))
        procs.append(p)
        p.start()
    for p in procs:
        p.join()


# In[ ]:


 four processes are started, each runs show() with its own number.
 The pid of each is printed and join() waits for all of them.
