// exp on one AVX2 or AVX-512 register of f32 or f64 (static inline: each kernel file inlines them).
//
// Method (Cephes, S. Moshier; as in the portable Swift VectorMath): x = n ln2 + r with
// n = round(x / ln2) and |r| <= ln2/2, ln2 split in a high part (n * high exact) and a low part;
// exp(r) by a polynomial; the result scaled by 2^n. f32: Cephes expf's degree-7 polynomial.
// f64: the Taylor series to degree 13 (truncation below 1e-17 relative on |r| <= 0.347), Horner
// with FMA. Scaling: AVX-512's scalef rounds once into subnormals and saturates to 0 and inf;
// AVX2 multiplies by 2^(n/2) twice so that each factor stays a normal number.
// Inputs are clamped first (exp overflows or underflows outside the clamp anyway); min/max are
// ordered so that a NaN input survives the clamp and propagates. Measured error and specials:
// VectorMathTests.
#ifndef FOLIO_EXP_VECTORS_H
#define FOLIO_EXP_VECTORS_H

#if defined(__x86_64__)
#include <immintrin.h>

#define F32_LOG2E 1.44269504088896341f
#define F32_LN2_HIGH 0.693359375f
#define F32_LN2_LOW -2.12194440e-4f
#define F32_P0 1.9875691500e-4f
#define F32_P1 1.3981999507e-3f
#define F32_P2 8.3334519073e-3f
#define F32_P3 4.1665795894e-2f
#define F32_P4 1.6666665459e-1f
#define F32_P5 5.0000001201e-1f

#define F64_LOG2E 1.4426950408889634074
#define F64_LN2_HIGH 6.93147180369123816490e-01
#define F64_LN2_LOW 1.90821492927058770002e-10

// ---------------------------------------------------------------- AVX-512F

__attribute__((target("avx512f"))) static inline __m512 exp16(__m512 x) {
    x = _mm512_max_ps(_mm512_set1_ps(-104.0f), _mm512_min_ps(_mm512_set1_ps(89.0f), x));
    __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(F32_LOG2E)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(F32_LN2_HIGH), x);
    r = _mm512_fnmadd_ps(n, _mm512_set1_ps(F32_LN2_LOW), r);
    __m512 p = _mm512_set1_ps(F32_P0);
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(F32_P1));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(F32_P2));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(F32_P3));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(F32_P4));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(F32_P5));
    __m512 y = _mm512_add_ps(_mm512_fmadd_ps(p, _mm512_mul_ps(r, r), r), _mm512_set1_ps(1.0f));
    return _mm512_scalef_ps(y, n);
}

__attribute__((target("avx512f"))) static inline __m512d exp8d(__m512d x) {
    x = _mm512_max_pd(_mm512_set1_pd(-746.0), _mm512_min_pd(_mm512_set1_pd(710.0), x));
    __m512d n = _mm512_roundscale_pd(_mm512_mul_pd(x, _mm512_set1_pd(F64_LOG2E)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m512d r = _mm512_fnmadd_pd(n, _mm512_set1_pd(F64_LN2_HIGH), x);
    r = _mm512_fnmadd_pd(n, _mm512_set1_pd(F64_LN2_LOW), r);
    __m512d p = _mm512_set1_pd(1.0 / 6227020800.0);             // 1/13!
    p = _mm512_fmadd_pd(p, r, _mm512_set1_pd(1.0 / 479001600.0));  // 1/12!
    p = _mm512_fmadd_pd(p, r, _mm512_set1_pd(1.0 / 39916800.0));
    p = _mm512_fmadd_pd(p, r, _mm512_set1_pd(1.0 / 3628800.0));
    p = _mm512_fmadd_pd(p, r, _mm512_set1_pd(1.0 / 362880.0));
    p = _mm512_fmadd_pd(p, r, _mm512_set1_pd(1.0 / 40320.0));
    p = _mm512_fmadd_pd(p, r, _mm512_set1_pd(1.0 / 5040.0));
    p = _mm512_fmadd_pd(p, r, _mm512_set1_pd(1.0 / 720.0));
    p = _mm512_fmadd_pd(p, r, _mm512_set1_pd(1.0 / 120.0));
    p = _mm512_fmadd_pd(p, r, _mm512_set1_pd(1.0 / 24.0));
    p = _mm512_fmadd_pd(p, r, _mm512_set1_pd(1.0 / 6.0));
    p = _mm512_fmadd_pd(p, r, _mm512_set1_pd(0.5));
    p = _mm512_fmadd_pd(p, r, _mm512_set1_pd(1.0));
    __m512d y = _mm512_fmadd_pd(p, r, _mm512_set1_pd(1.0));
    return _mm512_scalef_pd(y, n);
}

// ---------------------------------------------------------------- AVX2 + FMA

__attribute__((target("avx2,fma"))) static inline __m256 exp8(__m256 x) {
    x = _mm256_max_ps(_mm256_set1_ps(-104.0f), _mm256_min_ps(_mm256_set1_ps(89.0f), x));
    __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(F32_LOG2E)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(F32_LN2_HIGH), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(F32_LN2_LOW), r);
    __m256 p = _mm256_set1_ps(F32_P0);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(F32_P1));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(F32_P2));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(F32_P3));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(F32_P4));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(F32_P5));
    __m256 y = _mm256_add_ps(_mm256_fmadd_ps(p, _mm256_mul_ps(r, r), r), _mm256_set1_ps(1.0f));
    // 2^n as 2^half * 2^(n - half): n spans [-150, 128], each factor stays normal.
    __m256i k = _mm256_cvtps_epi32(n);
    __m256i half = _mm256_srai_epi32(k, 1);
    __m256i rest = _mm256_sub_epi32(k, half);
    __m256 scale1 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(half, _mm256_set1_epi32(127)), 23));
    __m256 scale2 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(rest, _mm256_set1_epi32(127)), 23));
    return _mm256_mul_ps(_mm256_mul_ps(y, scale1), scale2);
}

/// An integral double |n| < 2^51 as int64 lanes (AVX2 has no double-to-int64 conversion).
__attribute__((target("avx2,fma"))) static inline __m256i integral_to_int64(__m256d n) {
    const __m256d shift = _mm256_set1_pd(6755399441055744.0);  // 1.5 * 2^52
    return _mm256_sub_epi64(_mm256_castpd_si256(_mm256_add_pd(n, shift)), _mm256_castpd_si256(shift));
}

__attribute__((target("avx2,fma"))) static inline __m256d power_of_two(__m256d n) {
    __m256i biased = _mm256_add_epi64(integral_to_int64(n), _mm256_set1_epi64x(1023));
    return _mm256_castsi256_pd(_mm256_slli_epi64(biased, 52));
}

__attribute__((target("avx2,fma"))) static inline __m256d exp4d(__m256d x) {
    x = _mm256_max_pd(_mm256_set1_pd(-746.0), _mm256_min_pd(_mm256_set1_pd(710.0), x));
    __m256d n = _mm256_round_pd(_mm256_mul_pd(x, _mm256_set1_pd(F64_LOG2E)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256d r = _mm256_fnmadd_pd(n, _mm256_set1_pd(F64_LN2_HIGH), x);
    r = _mm256_fnmadd_pd(n, _mm256_set1_pd(F64_LN2_LOW), r);
    __m256d p = _mm256_set1_pd(1.0 / 6227020800.0);
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(1.0 / 479001600.0));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(1.0 / 39916800.0));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(1.0 / 3628800.0));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(1.0 / 362880.0));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(1.0 / 40320.0));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(1.0 / 5040.0));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(1.0 / 720.0));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(1.0 / 120.0));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(1.0 / 24.0));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(1.0 / 6.0));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(0.5));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(1.0));
    __m256d y = _mm256_fmadd_pd(p, r, _mm256_set1_pd(1.0));
    // n spans [-1077, 1025]; 2^half * 2^(n - half) keeps both factors normal. A NaN lane's
    // scale is garbage, but y is NaN there already.
    __m256d half = _mm256_floor_pd(_mm256_mul_pd(n, _mm256_set1_pd(0.5)));
    __m256d rest = _mm256_sub_pd(n, half);
    return _mm256_mul_pd(_mm256_mul_pd(y, power_of_two(half)), power_of_two(rest));
}

#endif
#endif
