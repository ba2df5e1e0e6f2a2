// Folio's C kernels: what Swift compiled for baseline x86-64 cannot express (cpuid, AVX2/AVX-512
// code chosen at run time). Imported from one Swift file only (FolioTensor/NativeKernels.swift).
#ifndef FOLIO_SIMD_KERNELS_H
#define FOLIO_SIMD_KERNELS_H

#include <stddef.h>

/// CPU features the OS has enabled (cpuid, and xgetbv for the register state), as bits.
#define FOLIO_CPU_AVX2 0x01u
#define FOLIO_CPU_FMA 0x02u
#define FOLIO_CPU_AVX512F 0x04u
#define FOLIO_CPU_AVX512BW 0x08u
#define FOLIO_CPU_AVX512VL 0x10u
#define FOLIO_CPU_AVX512DQ 0x20u
#define FOLIO_CPU_AVX512BF16 0x40u

/// The feature bits of this CPU (0 on non-x86 machines).
unsigned folio_cpu_features(void);

/// The SIMD level the kernels below use: 0 none (callers use their portable loop), 2 AVX2+FMA, 3 AVX-512F.
int folio_simd_level(void);

/// The elementwise maps of `folio_map_f32` / `folio_map_f64`.
#define FOLIO_MAP_EXP 0
#define FOLIO_MAP_LOG 1
#define FOLIO_MAP_TANH 2
#define FOLIO_MAP_SIGMOID 3

/// `destination[i] = op(source[i])` with the kernel of `level` (2 AVX2+FMA, 3 AVX-512F; -1 this
/// CPU's best). Returns 0 and writes nothing when there is no kernel for that op, type and level
/// (f32: exp, log, tanh, sigmoid; f64: exp, sigmoid; each at levels 2 and 3).
int folio_map_f32(int op, int level, const float *source, float *destination, size_t count);
int folio_map_f64(int op, int level, const double *source, double *destination, size_t count);

/// Softmax of each of `rows` dense rows of `length` elements (max-shifted) at `level` (2, 3; -1
/// this CPU's best); 0 (nothing written) when this CPU has no such level.
int folio_softmax_rows_f32(int level, const float *source, float *destination, size_t rows, size_t length);
int folio_softmax_rows_f64(int level, const double *source, double *destination, size_t rows, size_t length);

/// Log-softmax of each of `rows` dense rows of `length` elements (x - logsumexp, max-shifted) at
/// `level` (2, 3; -1 this CPU's best); 0 (nothing written) when this CPU has no such level.
int folio_log_softmax_rows_f32(int level, const float *source, float *destination, size_t rows, size_t length);
int folio_log_softmax_rows_f64(int level, const double *source, double *destination, size_t rows, size_t length);

#endif
