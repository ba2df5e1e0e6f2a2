/* OpenBLAS GEMM throughput: the compute ceiling for Folio's matmul and conv2d, which call the
 * same system OpenBLAS (and so, run in Folio's environment, the same kernel and thread count).
 *
 * Prints JSON lines for bench/numeric_bench.py: the kernel OpenBLAS chose, then the best GFLOP/s
 * of cblas_sgemm and cblas_dgemm on 2048 x 2048 matrices (best of several runs, as a limit should
 * be), each with a spot check of the product: a kernel forced by OPENBLAS_CORETYPE onto a processor
 * it was not built for may be fast and wrong.
 * Built at bench time: cc -O3 -march=native gemm_peak.c -lopenblas */
#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define SIZE 2048

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* Entries are small multiples of 1/8 so that the float products are exact enough to compare. */
static double entry(long i, int which) { return which ? (double)(i % 5) * 0.25 : (double)(i % 7) * 0.125; }

/* True when four entries of c match a naive double-precision dot product. */
static int product_ok(double (*get)(const void *, long), const void *c) {
    for (long probe = 0; probe < 4; probe++) {
        long row = (probe * 613) % SIZE, col = (probe * 331 + 7) % SIZE;
        double expected = 0;
        for (long k = 0; k < SIZE; k++) expected += entry(row * SIZE + k, 0) * entry(k * SIZE + col, 1);
        if (fabs(get(c, row * SIZE + col) - expected) > 1e-4 * (1 + expected)) return 0;
    }
    return 1;
}

static double get_float(const void *c, long i) { return ((const float *)c)[i]; }
static double get_double(const void *c, long i) { return ((const double *)c)[i]; }

static void report(const char *dtype, double best, int ok) {
    printf("{\"kind\": \"gemm\", \"dtype\": \"%s\", \"n\": %d, \"gflops\": %.2f, \"correct\": %s}\n", dtype, SIZE, best,
           ok ? "true" : "false");
    fflush(stdout);
}

/* Best GFLOP/s over up to `runs` products after one warm-up; stops after two once BUDGET seconds
 * have passed, so that a slow generic kernel does not eat the benchmark's time. */
#define BUDGET 3.0
static void sgemm_peak(int runs) {
    long count = (long)SIZE * SIZE;
    float *a = malloc(sizeof(float) * count), *b = malloc(sizeof(float) * count), *c = calloc(count, sizeof(float));
    for (long i = 0; i < count; i++) { a[i] = (float)entry(i, 0); b[i] = (float)entry(i, 1); }
    double best = 0, begin = now();
    for (int r = -1; r < runs && (r < 2 || now() - begin < BUDGET); r++) {
        double start = now();
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, SIZE, SIZE, SIZE, 1, a, SIZE, b, SIZE, 0, c, SIZE);
        double gflops = 2.0 * SIZE * SIZE * SIZE / (now() - start) * 1e-9;
        if (r >= 0 && gflops > best) best = gflops;
    }
    report("f32", best, product_ok(get_float, c));
    free(a); free(b); free(c);
}

static void dgemm_peak(int runs) {
    long count = (long)SIZE * SIZE;
    double *a = malloc(sizeof(double) * count), *b = malloc(sizeof(double) * count), *c = calloc(count, sizeof(double));
    for (long i = 0; i < count; i++) { a[i] = entry(i, 0); b[i] = entry(i, 1); }
    double best = 0, begin = now();
    for (int r = -1; r < runs && (r < 2 || now() - begin < BUDGET); r++) {
        double start = now();
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, SIZE, SIZE, SIZE, 1, a, SIZE, b, SIZE, 0, c, SIZE);
        double gflops = 2.0 * SIZE * SIZE * SIZE / (now() - start) * 1e-9;
        if (r >= 0 && gflops > best) best = gflops;
    }
    report("f64", best, product_ok(get_double, c));
    free(a); free(b); free(c);
}

int main(void) {
    printf("{\"kind\": \"blas\", \"blas_core\": \"%s\", \"blas_threads\": %d, \"blas_config\": \"%s\"}\n",
           openblas_get_corename(), openblas_get_num_threads(), openblas_get_config());
    fflush(stdout);
    sgemm_peak(5);
    dgemm_peak(4);
    return 0;
}
