# attack: a Q6 that runs its processes one after another waits for each in a loop whose is_alive() is not the loop's condition (`ended = not p.is_alive()`, then `if ended: break`): the recorder takes it for a look, which reads /proc and reaps nothing, so no wait reaches the kernel; it joins all four at the end
# task: q6
# honest: 11
# holds: started_before_joined fails: the processes ran one after another, each waited for
# xfail: whether an is_alive() is a look or a loop's poll is told from the shape of the code (the condition of a while, or of an if that leaves a loop, in the task's frames up the stack): an assignment in a loop's body escapes, and so would code that loops without a loop statement; what would stop it: the kernel observer holding each child of the run at its exit stop (PTRACE_O_TRACEEXIT) until its parent waits for it (a wait call), polls it a few times (its /proc file or WNOHANG waits), or has started the others, so that a look always finds a child running and a loop of any shape is seen waiting
import multiprocessing
import os
import time


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def run_four_processes():
    processes = []
    for n in range(1, 5):
        p = multiprocessing.Process(target=print_number, args=(n,))
        p.start()
        while True:
            ended = not p.is_alive()
            if ended:
                break
            time.sleep(0.01)
        processes.append(p)
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
