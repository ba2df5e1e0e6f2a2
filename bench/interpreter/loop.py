import time
def run():
    total = 0
    for i in range(1_000_000):
        total += i * i
    return total
best = 1e9
for _ in range(5):
    start = time.perf_counter(); run(); best = min(best, time.perf_counter() - start)
print(best)
