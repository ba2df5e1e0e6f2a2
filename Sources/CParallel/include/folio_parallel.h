// Folio's worker pool: runs the chunks of one loop on the calling thread and a few persistent
// workers. Imported from one Swift file only (FolioTensor/Parallel.swift).
#ifndef FOLIO_PARALLEL_H
#define FOLIO_PARALLEL_H

/// The body of a parallel loop: called once per chunk index in [0, chunks).
typedef void (*folio_chunk_function)(void *context, long chunk);

/// Runs `body(context, c)` for every c in [0, chunks) and returns when all have returned.
///
/// The caller runs chunks itself and the workers claim the others one at a time, so a worker
/// that is asleep, or descheduled by another process, delays nothing it has not claimed. A call
/// made from inside a chunk, or while another thread's loop holds the pool, runs its chunks in
/// order on the calling thread. `chunks` above 65,535 are not accepted (-1, nothing run);
/// otherwise returns 0.
int folio_parallel_run(folio_chunk_function body, void *context, long chunks);

/// 1 when called from inside a chunk of a running loop (on the caller or a worker), else 0.
int folio_parallel_in_chunk(void);

/// Threads a loop can use: the workers plus the caller (1: no workers, loops run serially).
int folio_parallel_threads(void);

/// Sets the number of threads (caller included) from the next loop on; at most 64, at least 1.
/// Workers beyond the number are parked, not destroyed. Returns the number now in effect.
int folio_parallel_set_threads(int threads);

#endif
