// Row softmax fused into one kernel: per row, the maximum, exp(x - max) written out while summed,
// then the division, all while the row is in cache (the composite max/subtract/exp/sum/divide
// makes five passes over memory and three temporaries). Tails are padded with -inf for the
// maximum, then with the maximum itself for the exp (masked out of the sum): the exp of -inf
// padding is exp(-104) after clamping, which underflows, and an underflow costs a microcode assist
// of hundreds of cycles, once per row. NaN or +inf in a row makes the whole row NaN, and so does a
// row of -inf only, as the composite, NumPy and PyTorch give (exp(x - max) or the sum is NaN).
//
// Log-softmax is the same first two passes without storing the exponentials, then x - lse with
// lse = log(sum) + shift. The shift is the maximum, or 0 when that is not finite (a row of -inf,
// or one holding +inf), as the composite's logsumexp does, so such rows give what the composite
// gives (NaN, or -inf beside the +inf). Padding as for softmax.
#include "simd_kernels.h"
#include "exp_vectors.h"
#include <math.h>
#include <string.h>

#if defined(__x86_64__)

__attribute__((target("avx512f"))) static void softmax_f32_avx512(const float *s, float *d, size_t n) {
    const __m512 minus_infinity = _mm512_set1_ps(-INFINITY);
    __m512 peak = minus_infinity;
    for (size_t i = 0; i < n; i += 16) {
        __mmask16 mask = n - i >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (n - i)) - 1);
        peak = _mm512_max_ps(peak, _mm512_mask_loadu_ps(minus_infinity, mask, s + i));
    }
    __m512 shift = _mm512_set1_ps(_mm512_reduce_max_ps(peak));
    __m512 total = _mm512_setzero_ps();
    for (size_t i = 0; i < n; i += 16) {
        __mmask16 mask = n - i >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (n - i)) - 1);
        __m512 e = exp16(_mm512_sub_ps(_mm512_mask_loadu_ps(shift, mask, s + i), shift));
        total = _mm512_mask_add_ps(total, mask, total, e);
        _mm512_mask_storeu_ps(d + i, mask, e);
    }
    __m512 sum = _mm512_set1_ps(_mm512_reduce_add_ps(total));
    for (size_t i = 0; i < n; i += 16) {
        __mmask16 mask = n - i >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (n - i)) - 1);
        _mm512_mask_storeu_ps(d + i, mask, _mm512_div_ps(_mm512_maskz_loadu_ps(mask, d + i), sum));
    }
}

__attribute__((target("avx512f"))) static void softmax_f64_avx512(const double *s, double *d, size_t n) {
    const __m512d minus_infinity = _mm512_set1_pd(-INFINITY);
    __m512d peak = minus_infinity;
    for (size_t i = 0; i < n; i += 8) {
        __mmask8 mask = n - i >= 8 ? (__mmask8)0xFF : (__mmask8)((1u << (n - i)) - 1);
        peak = _mm512_max_pd(peak, _mm512_mask_loadu_pd(minus_infinity, mask, s + i));
    }
    __m512d shift = _mm512_set1_pd(_mm512_reduce_max_pd(peak));
    __m512d total = _mm512_setzero_pd();
    for (size_t i = 0; i < n; i += 8) {
        __mmask8 mask = n - i >= 8 ? (__mmask8)0xFF : (__mmask8)((1u << (n - i)) - 1);
        __m512d e = exp8d(_mm512_sub_pd(_mm512_mask_loadu_pd(shift, mask, s + i), shift));
        total = _mm512_mask_add_pd(total, mask, total, e);
        _mm512_mask_storeu_pd(d + i, mask, e);
    }
    __m512d sum = _mm512_set1_pd(_mm512_reduce_add_pd(total));
    for (size_t i = 0; i < n; i += 8) {
        __mmask8 mask = n - i >= 8 ? (__mmask8)0xFF : (__mmask8)((1u << (n - i)) - 1);
        _mm512_mask_storeu_pd(d + i, mask, _mm512_div_pd(_mm512_maskz_loadu_pd(mask, d + i), sum));
    }
}

__attribute__((target("avx512f"))) static void log_softmax_f32_avx512(const float *s, float *d, size_t n) {
    const __m512 minus_infinity = _mm512_set1_ps(-INFINITY);
    __m512 peak = minus_infinity;
    for (size_t i = 0; i < n; i += 16) {
        __mmask16 mask = n - i >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (n - i)) - 1);
        peak = _mm512_max_ps(peak, _mm512_mask_loadu_ps(minus_infinity, mask, s + i));
    }
    float highest = _mm512_reduce_max_ps(peak);
    __m512 shift = _mm512_set1_ps(isfinite(highest) ? highest : 0.0f);
    __m512 total = _mm512_setzero_ps();
    for (size_t i = 0; i < n; i += 16) {
        __mmask16 mask = n - i >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (n - i)) - 1);
        __m512 e = exp16(_mm512_sub_ps(_mm512_mask_loadu_ps(shift, mask, s + i), shift));
        total = _mm512_mask_add_ps(total, mask, total, e);
    }
    __m512 lse = _mm512_set1_ps(logf(_mm512_reduce_add_ps(total)) + _mm512_cvtss_f32(shift));
    for (size_t i = 0; i < n; i += 16) {
        __mmask16 mask = n - i >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (n - i)) - 1);
        _mm512_mask_storeu_ps(d + i, mask, _mm512_sub_ps(_mm512_maskz_loadu_ps(mask, s + i), lse));
    }
}

__attribute__((target("avx512f"))) static void log_softmax_f64_avx512(const double *s, double *d, size_t n) {
    const __m512d minus_infinity = _mm512_set1_pd(-INFINITY);
    __m512d peak = minus_infinity;
    for (size_t i = 0; i < n; i += 8) {
        __mmask8 mask = n - i >= 8 ? (__mmask8)0xFF : (__mmask8)((1u << (n - i)) - 1);
        peak = _mm512_max_pd(peak, _mm512_mask_loadu_pd(minus_infinity, mask, s + i));
    }
    double highest = _mm512_reduce_max_pd(peak);
    __m512d shift = _mm512_set1_pd(isfinite(highest) ? highest : 0.0);
    __m512d total = _mm512_setzero_pd();
    for (size_t i = 0; i < n; i += 8) {
        __mmask8 mask = n - i >= 8 ? (__mmask8)0xFF : (__mmask8)((1u << (n - i)) - 1);
        __m512d e = exp8d(_mm512_sub_pd(_mm512_mask_loadu_pd(shift, mask, s + i), shift));
        total = _mm512_mask_add_pd(total, mask, total, e);
    }
    __m512d lse = _mm512_set1_pd(log(_mm512_reduce_add_pd(total)) + _mm512_cvtsd_f64(shift));
    for (size_t i = 0; i < n; i += 8) {
        __mmask8 mask = n - i >= 8 ? (__mmask8)0xFF : (__mmask8)((1u << (n - i)) - 1);
        _mm512_mask_storeu_pd(d + i, mask, _mm512_sub_pd(_mm512_maskz_loadu_pd(mask, s + i), lse));
    }
}

/// Loads `count` (< 8 for f32, < 4 for f64) trailing elements padded with -inf.
#define PADDED_TAIL(type, lanes, source, count, buffer) \
    type buffer[lanes]; \
    for (size_t t = 0; t < lanes; t++) buffer[t] = t < (count) ? (source)[t] : -INFINITY;

__attribute__((target("avx2,fma"))) static float horizontal_max8(__m256 v) {
    __m128 m = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    m = _mm_max_ps(m, _mm_movehl_ps(m, m));
    m = _mm_max_ss(m, _mm_shuffle_ps(m, m, 1));
    return _mm_cvtss_f32(m);
}

__attribute__((target("avx2,fma"))) static float horizontal_sum8(__m256 v) {
    __m128 m = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    m = _mm_add_ps(m, _mm_movehl_ps(m, m));
    m = _mm_add_ss(m, _mm_shuffle_ps(m, m, 1));
    return _mm_cvtss_f32(m);
}

__attribute__((target("avx2,fma"))) static void softmax_f32_avx2(const float *s, float *d, size_t n) {
    size_t body = n & ~(size_t)7, left = n - body;
    PADDED_TAIL(float, 8, s + body, left, tail)
    __m256 peak = _mm256_loadu_ps(tail);
    for (size_t i = 0; i < body; i += 8) peak = _mm256_max_ps(peak, _mm256_loadu_ps(s + i));
    __m256 shift = _mm256_set1_ps(horizontal_max8(peak));
    for (size_t t = left; t < 8; t++) tail[t] = _mm256_cvtss_f32(shift);
    __m256 inside = _mm256_cmp_ps(_mm256_setr_ps(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_ps((float)left), _CMP_LT_OQ);
    __m256 total = _mm256_setzero_ps();
    for (size_t i = 0; i < body; i += 8) {
        __m256 e = exp8(_mm256_sub_ps(_mm256_loadu_ps(s + i), shift));
        total = _mm256_add_ps(total, e);
        _mm256_storeu_ps(d + i, e);
    }
    __m256 tail_exp = _mm256_and_ps(inside, exp8(_mm256_sub_ps(_mm256_loadu_ps(tail), shift)));
    total = _mm256_add_ps(total, tail_exp);
    __m256 sum = _mm256_set1_ps(horizontal_sum8(total));
    for (size_t i = 0; i < body; i += 8) _mm256_storeu_ps(d + i, _mm256_div_ps(_mm256_loadu_ps(d + i), sum));
    _mm256_storeu_ps(tail, _mm256_div_ps(tail_exp, sum));
    memcpy(d + body, tail, left * sizeof(float));
}

__attribute__((target("avx2,fma"))) static void log_softmax_f32_avx2(const float *s, float *d, size_t n) {
    size_t body = n & ~(size_t)7, left = n - body;
    PADDED_TAIL(float, 8, s + body, left, tail)
    __m256 peak = _mm256_loadu_ps(tail);
    for (size_t i = 0; i < body; i += 8) peak = _mm256_max_ps(peak, _mm256_loadu_ps(s + i));
    float highest = horizontal_max8(peak), offset = isfinite(highest) ? highest : 0.0f;
    __m256 shift = _mm256_set1_ps(offset);
    for (size_t t = left; t < 8; t++) tail[t] = offset;
    __m256 inside = _mm256_cmp_ps(_mm256_setr_ps(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_ps((float)left), _CMP_LT_OQ);
    __m256 total = _mm256_and_ps(inside, exp8(_mm256_sub_ps(_mm256_loadu_ps(tail), shift)));
    for (size_t i = 0; i < body; i += 8) total = _mm256_add_ps(total, exp8(_mm256_sub_ps(_mm256_loadu_ps(s + i), shift)));
    float lse = logf(horizontal_sum8(total)) + offset;
    __m256 lse_vector = _mm256_set1_ps(lse);
    for (size_t i = 0; i < body; i += 8) _mm256_storeu_ps(d + i, _mm256_sub_ps(_mm256_loadu_ps(s + i), lse_vector));
    for (size_t i = body; i < n; i++) d[i] = s[i] - lse;
}

__attribute__((target("avx2,fma"))) static double horizontal_max4(__m256d v) {
    __m128d m = _mm_max_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_max_sd(m, _mm_unpackhi_pd(m, m)));
}

__attribute__((target("avx2,fma"))) static double horizontal_sum4(__m256d v) {
    __m128d m = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_add_sd(m, _mm_unpackhi_pd(m, m)));
}

__attribute__((target("avx2,fma"))) static void softmax_f64_avx2(const double *s, double *d, size_t n) {
    size_t body = n & ~(size_t)3, left = n - body;
    PADDED_TAIL(double, 4, s + body, left, tail)
    __m256d peak = _mm256_loadu_pd(tail);
    for (size_t i = 0; i < body; i += 4) peak = _mm256_max_pd(peak, _mm256_loadu_pd(s + i));
    __m256d shift = _mm256_set1_pd(horizontal_max4(peak));
    for (size_t t = left; t < 4; t++) tail[t] = _mm256_cvtsd_f64(shift);
    __m256d inside = _mm256_cmp_pd(_mm256_setr_pd(0, 1, 2, 3), _mm256_set1_pd((double)left), _CMP_LT_OQ);
    __m256d total = _mm256_setzero_pd();
    for (size_t i = 0; i < body; i += 4) {
        __m256d e = exp4d(_mm256_sub_pd(_mm256_loadu_pd(s + i), shift));
        total = _mm256_add_pd(total, e);
        _mm256_storeu_pd(d + i, e);
    }
    __m256d tail_exp = _mm256_and_pd(inside, exp4d(_mm256_sub_pd(_mm256_loadu_pd(tail), shift)));
    total = _mm256_add_pd(total, tail_exp);
    __m256d sum = _mm256_set1_pd(horizontal_sum4(total));
    for (size_t i = 0; i < body; i += 4) _mm256_storeu_pd(d + i, _mm256_div_pd(_mm256_loadu_pd(d + i), sum));
    _mm256_storeu_pd(tail, _mm256_div_pd(tail_exp, sum));
    memcpy(d + body, tail, left * sizeof(double));
}

__attribute__((target("avx2,fma"))) static void log_softmax_f64_avx2(const double *s, double *d, size_t n) {
    size_t body = n & ~(size_t)3, left = n - body;
    PADDED_TAIL(double, 4, s + body, left, tail)
    __m256d peak = _mm256_loadu_pd(tail);
    for (size_t i = 0; i < body; i += 4) peak = _mm256_max_pd(peak, _mm256_loadu_pd(s + i));
    double highest = horizontal_max4(peak), offset = isfinite(highest) ? highest : 0.0;
    __m256d shift = _mm256_set1_pd(offset);
    for (size_t t = left; t < 4; t++) tail[t] = offset;
    __m256d inside = _mm256_cmp_pd(_mm256_setr_pd(0, 1, 2, 3), _mm256_set1_pd((double)left), _CMP_LT_OQ);
    __m256d total = _mm256_and_pd(inside, exp4d(_mm256_sub_pd(_mm256_loadu_pd(tail), shift)));
    for (size_t i = 0; i < body; i += 4) total = _mm256_add_pd(total, exp4d(_mm256_sub_pd(_mm256_loadu_pd(s + i), shift)));
    double lse = log(horizontal_sum4(total)) + offset;
    __m256d lse_vector = _mm256_set1_pd(lse);
    for (size_t i = 0; i < body; i += 4) _mm256_storeu_pd(d + i, _mm256_sub_pd(_mm256_loadu_pd(s + i), lse_vector));
    for (size_t i = body; i < n; i++) d[i] = s[i] - lse;
}

int folio_softmax_rows_f32(int level, const float *source, float *destination, size_t rows, size_t length) {
    if (level < 0) level = folio_simd_level();
    if (level < 2 || level > folio_simd_level() || length == 0) return 0;
    for (size_t row = 0; row < rows; row++) {
        const float *s = source + row * length;
        float *d = destination + row * length;
        if (level == 3) softmax_f32_avx512(s, d, length); else softmax_f32_avx2(s, d, length);
    }
    return 1;
}

int folio_softmax_rows_f64(int level, const double *source, double *destination, size_t rows, size_t length) {
    if (level < 0) level = folio_simd_level();
    if (level < 2 || level > folio_simd_level() || length == 0) return 0;
    for (size_t row = 0; row < rows; row++) {
        const double *s = source + row * length;
        double *d = destination + row * length;
        if (level == 3) softmax_f64_avx512(s, d, length); else softmax_f64_avx2(s, d, length);
    }
    return 1;
}

int folio_log_softmax_rows_f32(int level, const float *source, float *destination, size_t rows, size_t length) {
    if (level < 0) level = folio_simd_level();
    if (level < 2 || level > folio_simd_level() || length == 0) return 0;
    for (size_t row = 0; row < rows; row++) {
        const float *s = source + row * length;
        float *d = destination + row * length;
        if (level == 3) log_softmax_f32_avx512(s, d, length); else log_softmax_f32_avx2(s, d, length);
    }
    return 1;
}

int folio_log_softmax_rows_f64(int level, const double *source, double *destination, size_t rows, size_t length) {
    if (level < 0) level = folio_simd_level();
    if (level < 2 || level > folio_simd_level() || length == 0) return 0;
    for (size_t row = 0; row < rows; row++) {
        const double *s = source + row * length;
        double *d = destination + row * length;
        if (level == 3) log_softmax_f64_avx512(s, d, length); else log_softmax_f64_avx2(s, d, length);
    }
    return 1;
}

#else
int folio_softmax_rows_f32(int level, const float *source, float *destination, size_t rows, size_t length) { return 0; }
int folio_softmax_rows_f64(int level, const double *source, double *destination, size_t rows, size_t length) { return 0; }
int folio_log_softmax_rows_f32(int level, const float *source, float *destination, size_t rows, size_t length) { return 0; }
int folio_log_softmax_rows_f64(int level, const double *source, double *destination, size_t rows, size_t length) { return 0; }
#endif
