import time
def run():
    items = []
    for i in range(100_000):
        items.append({"id": i, "value": i * 0.5})
    total = 0.0
    for item in items:
        total += item["value"]
    return total
best = 1e9
for _ in range(5):
    start = time.perf_counter(); run(); best = min(best, time.perf_counter() - start)
print(best)
