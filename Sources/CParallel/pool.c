// The pool behind folio_parallel_run (see folio_parallel.h).
//
// One loop at a time owns the pool (a try-lock; a second thread's loop runs serially instead of
// waiting). A loop is published as one 64-bit ticket: generation (32 bits), chunk count (16) and
// next unclaimed chunk (16). Threads claim chunks by compare-and-swap on the ticket, so a claim
// succeeds only for the loop the claimer saw; the loop's body and context are read after a
// successful claim, when they cannot change (the loop does not end before that chunk is done).
// Workers spin for a while after a loop (loops in a training step come tens of microseconds
// apart), then sleep on a futex; the caller wakes sleepers with each new loop but never waits
// for them: chunks nobody has claimed, it runs itself.
#define _GNU_SOURCE
#include "folio_parallel.h"

#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define MAX_THREADS 64
#define MAX_CHUNKS 0xFFFF
/// How long an idle worker spins before it sleeps.
#define SPIN_NANOSECONDS 300000L

static _Atomic uint64_t ticket;          // generation << 32 | chunks << 16 | next
static _Atomic long finished;            // chunks of the current loop that have returned
static folio_chunk_function job_body;
static void *job_context;
static _Atomic uint32_t wake_sequence;   // futex word: bumped for every loop
static _Atomic int sleepers;
static atomic_flag busy = ATOMIC_FLAG_INIT;
static _Atomic int thread_target = 0;    // threads loops may use (0: not yet decided)
static _Atomic int workers_started = 0;
static pthread_mutex_t start_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local int inside_chunk = 0;

static inline uint32_t ticket_generation(uint64_t t) { return (uint32_t)(t >> 32); }
static inline long ticket_chunks(uint64_t t) { return (long)((t >> 16) & 0xFFFF); }
static inline long ticket_next(uint64_t t) { return (long)(t & 0xFFFF); }

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

static long now_nanoseconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

/// Claims and runs chunks of the loop of `generation` until none is left.
static void run_chunks(uint32_t generation) {
    uint64_t current = atomic_load_explicit(&ticket, memory_order_acquire);
    for (;;) {
        if (ticket_generation(current) != generation || ticket_next(current) >= ticket_chunks(current)) return;
        if (!atomic_compare_exchange_weak_explicit(&ticket, &current, current + 1, memory_order_acq_rel,
                                                   memory_order_acquire)) continue;
        long chunk = ticket_next(current);
        job_body(job_context, chunk);
        atomic_fetch_add_explicit(&finished, 1, memory_order_release);
        current = atomic_load_explicit(&ticket, memory_order_acquire);
    }
}

static void *worker_main(void *argument) {
    long index = (long)argument;
    pthread_setname_np(pthread_self(), "folio-pool");
    inside_chunk = 1;
    uint32_t seen = ticket_generation(atomic_load(&ticket));
    for (;;) {
        long spin_start = now_nanoseconds();
        int spins = 0;
        for (;;) {
            uint64_t current = atomic_load_explicit(&ticket, memory_order_acquire);
            if (ticket_generation(current) != seen) {
                seen = ticket_generation(current);
                // Parked workers (beyond the current thread count) leave the loop to the others.
                if (index + 1 < atomic_load_explicit(&thread_target, memory_order_relaxed)) run_chunks(seen);
                spin_start = now_nanoseconds();
                continue;
            }
            cpu_relax();
            if (++spins % 64 == 0 && now_nanoseconds() - spin_start > SPIN_NANOSECONDS) break;
        }
        uint32_t sequence = atomic_load(&wake_sequence);
        if (ticket_generation(atomic_load(&ticket)) != seen) continue;
        atomic_fetch_add(&sleepers, 1);
        syscall(SYS_futex, (uint32_t *)&wake_sequence, FUTEX_WAIT_PRIVATE, sequence, NULL, NULL, 0);
        atomic_fetch_sub(&sleepers, 1);
    }
    return NULL;
}

/// FOLIO_NUM_THREADS when set to a positive number, else the online cores.
static int default_threads(void) {
    const char *setting = getenv("FOLIO_NUM_THREADS");
    if (setting && *setting) {
        char *end = NULL;
        long value = strtol(setting, &end, 10);
        if (end && *end == '\0' && value >= 1) return value > MAX_THREADS ? MAX_THREADS : (int)value;
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < 1) cores = 1;
    if (cores > MAX_THREADS) cores = MAX_THREADS;
    return (int)cores;
}

/// Starts workers up to `threads - 1`; returns how many threads loops can use.
static int ensure_workers(int threads) {
    int started = atomic_load(&workers_started);
    if (started >= threads - 1) return threads;
    pthread_mutex_lock(&start_lock);
    started = atomic_load(&workers_started);
    while (started < threads - 1) {
        pthread_t thread;
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setstacksize(&attributes, 1 << 20);
        int failed = pthread_create(&thread, &attributes, worker_main, (void *)(long)started);
        pthread_attr_destroy(&attributes);
        if (failed) break;
        pthread_detach(thread);
        started += 1;
        atomic_store(&workers_started, started);
    }
    pthread_mutex_unlock(&start_lock);
    return started + 1 < threads ? started + 1 : threads;
}

int folio_parallel_in_chunk(void) { return inside_chunk; }

int folio_parallel_threads(void) {
    int target = atomic_load(&thread_target);
    if (target == 0) {
        int expected = 0;
        atomic_compare_exchange_strong(&thread_target, &expected, default_threads());
        target = atomic_load(&thread_target);
    }
    return target;
}

int folio_parallel_set_threads(int threads) {
    if (threads < 1) threads = 1;
    if (threads > MAX_THREADS) threads = MAX_THREADS;
    atomic_store(&thread_target, threads);
    return threads;
}

int folio_parallel_run(folio_chunk_function body, void *context, long chunks) {
    if (chunks < 0 || chunks > MAX_CHUNKS) return -1;
    if (chunks == 0) return 0;
    int threads = folio_parallel_threads();
    if (chunks == 1 || threads < 2 || inside_chunk || atomic_flag_test_and_set_explicit(&busy, memory_order_acquire)) {
        for (long chunk = 0; chunk < chunks; chunk++) body(context, chunk);
        return 0;
    }
    if (ensure_workers(threads) < 2) {
        atomic_flag_clear_explicit(&busy, memory_order_release);
        for (long chunk = 0; chunk < chunks; chunk++) body(context, chunk);
        return 0;
    }
    job_body = body;
    job_context = context;
    atomic_store_explicit(&finished, 0, memory_order_relaxed);
    uint32_t generation = ticket_generation(atomic_load(&ticket)) + 1;
    atomic_store_explicit(&ticket, ((uint64_t)generation << 32) | ((uint64_t)chunks << 16), memory_order_release);
    atomic_fetch_add(&wake_sequence, 1);
    if (atomic_load(&sleepers) > 0) syscall(SYS_futex, (uint32_t *)&wake_sequence, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
    inside_chunk = 1;
    run_chunks(generation);
    inside_chunk = 0;
    while (atomic_load_explicit(&finished, memory_order_acquire) < chunks) cpu_relax();
    atomic_flag_clear_explicit(&busy, memory_order_release);
    return 0;
}
