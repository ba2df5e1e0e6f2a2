/* STREAM-style triad a[i] = b[i] + s * c[i] on float arrays: the bandwidth ceiling that the
 * elementwise cases are measured against; and a read-only sum of one array, the ceiling for the
 * reduction (which writes nothing, so it can go faster than the triad).
 *
 * Two sizes. The cases' own (10^7 floats per array, as add/mul/exp/sum use): on a processor whose
 * last-level cache holds a good part of that (300 MiB on some of these machines) this is the limit
 * those ops can reach, cache included, so it is the one the fractions use. And 10^8 floats per
 * array (1.2 GB in all), well past any cache: main memory, for the record.
 *
 * Counts bytes as STREAM does (12 per float triad: two reads, one write; no write-allocate
 * traffic), as the benchmark counts its ops. Each size runs with every core (OpenMP) and with one,
 * best of 10 after a warm-up, and prints JSON lines for bench/numeric_bench.py; the report takes
 * the best of the two (on a shared machine a busy core can make the all-core run the slower).
 * Built at bench time: cc -O3 -march=native -fopenmp triad.c */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define RUNS 10

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static double triad_best(float *a, const float *b, const float *c, long n, int threads) {
    const float scalar = 3.0f;
    double best = 0;
    for (int r = -1; r < RUNS; r++) {
        double start = now();
#pragma omp parallel for num_threads(threads) schedule(static)
        for (long i = 0; i < n; i++) a[i] = b[i] + scalar * c[i];
        double gbs = 3.0 * sizeof(float) * n / (now() - start) * 1e-9;
        if (r >= 0 && gbs > best) best = gbs;
    }
    return best;
}

/* Best GB/s of sum(b), 4 bytes per float read. 64 independent lanes (four 512-bit accumulators)
 * hide the add latency, as a vectorised reduction kernel must; n is a multiple of 64 here. */
static double read_best(const float *b, long n, int threads, double *total) {
    double best = 0;
    for (int r = -1; r < RUNS; r++) {
        double start = now();
        double sum = 0;
#pragma omp parallel num_threads(threads) reduction(+ : sum)
        {
            float lanes[64] = {0};
#pragma omp for schedule(static)
            for (long block = 0; block < n / 64; block++)
                for (int j = 0; j < 64; j++) lanes[j] += b[block * 64 + j];
            for (int j = 0; j < 64; j++) sum += lanes[j];
        }
        double gbs = sizeof(float) * n / (now() - start) * 1e-9;
        *total += sum;
        if (r >= 0 && gbs > best) best = gbs;
    }
    return best;
}

static void measure(long n, int cores) {
    float *a = malloc(sizeof(float) * n), *b = malloc(sizeof(float) * n), *c = malloc(sizeof(float) * n);
    /* First touch from the same static schedule, so each thread's pages are faulted in by it. */
#pragma omp parallel for num_threads(cores) schedule(static)
    for (long i = 0; i < n; i++) { a[i] = 0; b[i] = 1.0f + (float)(i % 3); c[i] = 0.5f; }
    double all = triad_best(a, b, c, n, cores);
    double one = triad_best(a, b, c, n, 1);
    double check = 0;
    for (long i = 0; i < n; i += 4096) check += a[i];
    printf("{\"kind\": \"triad\", \"elements\": %ld, \"threads\": %d, \"gbs\": %.2f, \"check\": %.1f}\n", n, cores, all, check);
    printf("{\"kind\": \"triad\", \"elements\": %ld, \"threads\": 1, \"gbs\": %.2f, \"check\": %.1f}\n", n, one, check);
    double total = 0;
    double read_all = read_best(b, n, cores, &total);
    double read_one = read_best(b, n, 1, &total);
    printf("{\"kind\": \"read\", \"elements\": %ld, \"threads\": %d, \"gbs\": %.2f, \"check\": %.1f}\n", n, cores,
           read_all, total);
    printf("{\"kind\": \"read\", \"elements\": %ld, \"threads\": 1, \"gbs\": %.2f, \"check\": %.1f}\n", n, read_one,
           total);
    fflush(stdout);
    free(a); free(b); free(c);
}

int main(void) {
    int cores = omp_get_num_procs();
    measure(10000000L, cores);
    measure(100000000L, cores);
    return 0;
}
