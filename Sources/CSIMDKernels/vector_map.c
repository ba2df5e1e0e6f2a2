// Dense elementwise maps (exp, log, tanh, sigmoid) over f32 and f64 arrays, at the SIMD level
// chosen at run time, AVX-512F or AVX2+FMA (exp's method: exp_vectors.h).
//   log: x = 2^e m with m in [sqrt(1/2), sqrt(2)) (AVX-512: getexp/getmant; AVX2: the exponent
//        bits, subnormals scaled by 2^23 first), then Cephes logf's polynomial in m - 1 (as
//        VectorMath.log); specials selected by masks.
//   tanh: |x| < 0.625 Cephes tanhf's odd polynomial, else sign(x) (1 - 2 / (exp(2|x|) + 1)).
//   sigmoid: e = exp(-|x|); 1 / (1 + e) for x >= 0 and e / (1 + e) below, so neither overflows
//        and results down to the subnormals keep their precision.
// Measured errors and specials: NativeExpTests and NativeActivationTests (VectorMathTests.swift).
#include "simd_kernels.h"
#include "exp_vectors.h"
#include <math.h>
#include <string.h>

#if defined(__x86_64__)

// ---------------------------------------------------------------- AVX-512F vectors

__attribute__((target("avx512f"))) static inline __m512 log16(__m512 x) {
    __m512 m = _mm512_getmant_ps(x, _MM_MANT_NORM_1_2, _MM_MANT_SIGN_zero);  // [1, 2)
    __m512 e = _mm512_getexp_ps(x);
    __mmask16 high = _mm512_cmp_ps_mask(m, _mm512_set1_ps(1.41421356f), _CMP_GT_OQ);
    m = _mm512_mask_mul_ps(m, high, m, _mm512_set1_ps(0.5f));
    e = _mm512_mask_add_ps(e, high, e, _mm512_set1_ps(1.0f));
    __m512 f = _mm512_sub_ps(m, _mm512_set1_ps(1.0f));
    __m512 z = _mm512_mul_ps(f, f);
    __m512 p = _mm512_set1_ps(7.0376836292e-2f);
    p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(-1.1514610310e-1f));
    p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(1.1676998740e-1f));
    p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(-1.2420140846e-1f));
    p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(1.4249322787e-1f));
    p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(-1.6668057665e-1f));
    p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(2.0000714765e-1f));
    p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(-2.4999993993e-1f));
    p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(3.3333331174e-1f));
    __m512 y = _mm512_mul_ps(_mm512_mul_ps(p, f), z);
    y = _mm512_fmadd_ps(e, _mm512_set1_ps(-2.12194440e-4f), y);
    y = _mm512_fnmadd_ps(_mm512_set1_ps(0.5f), z, y);
    __m512 result = _mm512_fmadd_ps(e, _mm512_set1_ps(0.693359375f), _mm512_add_ps(f, y));
    // log(0) = -inf, log(x < 0) = nan, log(inf) = inf; NaN inputs give NaN through getmant already.
    result = _mm512_mask_mov_ps(result, _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_EQ_OQ), _mm512_set1_ps(-INFINITY));
    result = _mm512_mask_mov_ps(result, _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_LT_OQ), _mm512_set1_ps(NAN));
    result = _mm512_mask_mov_ps(result, _mm512_cmp_ps_mask(x, _mm512_set1_ps(INFINITY), _CMP_EQ_OQ), x);
    return result;
}

__attribute__((target("avx512f"))) static inline __m512 abs16(__m512 x) {
    return _mm512_castsi512_ps(_mm512_and_si512(_mm512_castps_si512(x), _mm512_set1_epi32(0x7FFFFFFF)));
}

__attribute__((target("avx512f"))) static inline __m512 tanh16(__m512 x) {
    __m512 magnitude = abs16(x);
    __m512 z = _mm512_mul_ps(x, x);
    __m512 p = _mm512_set1_ps(-5.70498872745e-3f);
    p = _mm512_fmadd_ps(p, z, _mm512_set1_ps(2.06390887954e-2f));
    p = _mm512_fmadd_ps(p, z, _mm512_set1_ps(-5.37397155531e-2f));
    p = _mm512_fmadd_ps(p, z, _mm512_set1_ps(1.33314422036e-1f));
    p = _mm512_fmadd_ps(p, z, _mm512_set1_ps(-3.33332819422e-1f));
    __m512 small = _mm512_fmadd_ps(_mm512_mul_ps(p, z), x, x);
    __m512 e = exp16(_mm512_add_ps(magnitude, magnitude));
    __m512 large = _mm512_sub_ps(_mm512_set1_ps(1.0f), _mm512_div_ps(_mm512_set1_ps(2.0f), _mm512_add_ps(e, _mm512_set1_ps(1.0f))));
    __m512i sign = _mm512_and_si512(_mm512_castps_si512(x), _mm512_set1_epi32((int)0x80000000u));
    large = _mm512_castsi512_ps(_mm512_or_si512(_mm512_castps_si512(large), sign));
    return _mm512_mask_mov_ps(large, _mm512_cmp_ps_mask(magnitude, _mm512_set1_ps(0.625f), _CMP_LT_OQ), small);
}

__attribute__((target("avx512f"))) static inline __m512 sigmoid16(__m512 x) {
    __m512 e = exp16(_mm512_sub_ps(_mm512_setzero_ps(), abs16(x)));
    __mmask16 negative = _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_LT_OQ);
    __m512 numerator = _mm512_mask_mov_ps(_mm512_set1_ps(1.0f), negative, e);
    return _mm512_div_ps(numerator, _mm512_add_ps(_mm512_set1_ps(1.0f), e));
}

__attribute__((target("avx512f"))) static inline __m512d sigmoid8d(__m512d x) {
    __m512d magnitude = _mm512_castsi512_pd(_mm512_and_si512(_mm512_castpd_si512(x), _mm512_set1_epi64(0x7FFFFFFFFFFFFFFFLL)));
    __m512d e = exp8d(_mm512_sub_pd(_mm512_setzero_pd(), magnitude));
    __mmask8 negative = _mm512_cmp_pd_mask(x, _mm512_setzero_pd(), _CMP_LT_OQ);
    __m512d numerator = _mm512_mask_mov_pd(_mm512_set1_pd(1.0), negative, e);
    return _mm512_div_pd(numerator, _mm512_add_pd(_mm512_set1_pd(1.0), e));
}

// ---------------------------------------------------------------- AVX2 + FMA vectors

__attribute__((target("avx2,fma"))) static inline __m256 log8(__m256 x) {
    // Subnormals scaled by 2^23 into the normals first (AVX2 has no getexp/getmant).
    __m256 tiny = _mm256_cmp_ps(x, _mm256_set1_ps(1.17549435e-38f), _CMP_LT_OQ);
    __m256 scaled = _mm256_blendv_ps(x, _mm256_mul_ps(x, _mm256_set1_ps(8388608.0f)), tiny);
    __m256i bits = _mm256_castps_si256(scaled);
    __m256i exponent = _mm256_sub_epi32(_mm256_srli_epi32(bits, 23), _mm256_set1_epi32(126));
    exponent = _mm256_sub_epi32(exponent, _mm256_and_si256(_mm256_castps_si256(tiny), _mm256_set1_epi32(23)));
    __m256 m = _mm256_castsi256_ps(_mm256_or_si256(_mm256_and_si256(bits, _mm256_set1_epi32(0x007FFFFF)),
                                                   _mm256_set1_epi32(0x3F000000)));  // [0.5, 1)
    __m256 below = _mm256_cmp_ps(m, _mm256_set1_ps(0.707106781186547524f), _CMP_LT_OQ);
    exponent = _mm256_add_epi32(exponent, _mm256_castps_si256(below));  // -1 where below
    __m256 f = _mm256_sub_ps(_mm256_blendv_ps(m, _mm256_add_ps(m, m), below), _mm256_set1_ps(1.0f));
    __m256 e = _mm256_cvtepi32_ps(exponent);
    __m256 z = _mm256_mul_ps(f, f);
    __m256 p = _mm256_set1_ps(7.0376836292e-2f);
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(-1.1514610310e-1f));
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(1.1676998740e-1f));
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(-1.2420140846e-1f));
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(1.4249322787e-1f));
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(-1.6668057665e-1f));
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(2.0000714765e-1f));
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(-2.4999993993e-1f));
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(3.3333331174e-1f));
    __m256 y = _mm256_mul_ps(_mm256_mul_ps(p, f), z);
    y = _mm256_fmadd_ps(e, _mm256_set1_ps(-2.12194440e-4f), y);
    y = _mm256_fnmadd_ps(_mm256_set1_ps(0.5f), z, y);
    __m256 result = _mm256_fmadd_ps(e, _mm256_set1_ps(0.693359375f), _mm256_add_ps(f, y));
    result = _mm256_blendv_ps(result, _mm256_set1_ps(-INFINITY), _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_EQ_OQ));
    result = _mm256_blendv_ps(result, _mm256_set1_ps(NAN), _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_NGE_UQ));  // x < 0 or NaN
    result = _mm256_blendv_ps(result, x, _mm256_cmp_ps(x, _mm256_set1_ps(INFINITY), _CMP_EQ_OQ));
    return result;
}

__attribute__((target("avx2,fma"))) static inline __m256 tanh8(__m256 x) {
    __m256 sign_mask = _mm256_set1_ps(-0.0f);
    __m256 magnitude = _mm256_andnot_ps(sign_mask, x);
    __m256 z = _mm256_mul_ps(x, x);
    __m256 p = _mm256_set1_ps(-5.70498872745e-3f);
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(2.06390887954e-2f));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(-5.37397155531e-2f));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(1.33314422036e-1f));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(-3.33332819422e-1f));
    __m256 small = _mm256_fmadd_ps(_mm256_mul_ps(p, z), x, x);
    __m256 e = exp8(_mm256_add_ps(magnitude, magnitude));
    __m256 large = _mm256_sub_ps(_mm256_set1_ps(1.0f), _mm256_div_ps(_mm256_set1_ps(2.0f), _mm256_add_ps(e, _mm256_set1_ps(1.0f))));
    large = _mm256_or_ps(large, _mm256_and_ps(x, sign_mask));
    return _mm256_blendv_ps(large, small, _mm256_cmp_ps(magnitude, _mm256_set1_ps(0.625f), _CMP_LT_OQ));
}

__attribute__((target("avx2,fma"))) static inline __m256 sigmoid8(__m256 x) {
    __m256 e = exp8(_mm256_or_ps(x, _mm256_set1_ps(-0.0f)));  // exp(-|x|)
    __m256 negative = _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_LT_OQ);
    __m256 numerator = _mm256_blendv_ps(_mm256_set1_ps(1.0f), e, negative);
    return _mm256_div_ps(numerator, _mm256_add_ps(_mm256_set1_ps(1.0f), e));
}

__attribute__((target("avx2,fma"))) static inline __m256d sigmoid4d(__m256d x) {
    __m256d e = exp4d(_mm256_or_pd(x, _mm256_set1_pd(-0.0)));  // exp(-|x|)
    __m256d negative = _mm256_cmp_pd(x, _mm256_setzero_pd(), _CMP_LT_OQ);
    __m256d numerator = _mm256_blendv_pd(_mm256_set1_pd(1.0), e, negative);
    return _mm256_div_pd(numerator, _mm256_add_pd(_mm256_set1_pd(1.0), e));
}

// ---------------------------------------------------------------- loops

// AVX-512: two vectors per iteration, a masked vector for the tail (masked lanes never fault).
#define AVX512_MAP_F32(name, vector)                                                                  \
    __attribute__((target("avx512f"))) static void name(const float *s, float *d, size_t count) {    \
        size_t i = 0;                                                                                 \
        for (; i + 32 <= count; i += 32) {                                                            \
            __m512 a = vector(_mm512_loadu_ps(s + i)), b = vector(_mm512_loadu_ps(s + i + 16));       \
            _mm512_storeu_ps(d + i, a);                                                               \
            _mm512_storeu_ps(d + i + 16, b);                                                          \
        }                                                                                             \
        for (; i < count; i += 16) {                                                                  \
            __mmask16 mask = count - i >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (count - i)) - 1); \
            _mm512_mask_storeu_ps(d + i, mask, vector(_mm512_maskz_loadu_ps(mask, s + i)));           \
        }                                                                                             \
    }

#define AVX512_MAP_F64(name, vector)                                                                  \
    __attribute__((target("avx512f"))) static void name(const double *s, double *d, size_t count) {  \
        size_t i = 0;                                                                                 \
        for (; i + 16 <= count; i += 16) {                                                            \
            __m512d a = vector(_mm512_loadu_pd(s + i)), b = vector(_mm512_loadu_pd(s + i + 8));       \
            _mm512_storeu_pd(d + i, a);                                                               \
            _mm512_storeu_pd(d + i + 8, b);                                                           \
        }                                                                                             \
        for (; i < count; i += 8) {                                                                   \
            __mmask8 mask = count - i >= 8 ? (__mmask8)0xFF : (__mmask8)((1u << (count - i)) - 1);   \
            _mm512_mask_storeu_pd(d + i, mask, vector(_mm512_maskz_loadu_pd(mask, s + i)));           \
        }                                                                                             \
    }

// AVX2: the tail goes through a small buffer (no masked loads for every lane width).
#define AVX2_MAP(name, type, lanes, vector_type, load, store, vector)                                 \
    __attribute__((target("avx2,fma"))) static void name(const type *s, type *d, size_t count) {     \
        size_t i = 0;                                                                                 \
        for (; i + 2 * lanes <= count; i += 2 * lanes) {                                              \
            vector_type a = vector(load(s + i)), b = vector(load(s + i + lanes));                     \
            store(d + i, a);                                                                          \
            store(d + i + lanes, b);                                                                  \
        }                                                                                             \
        for (; i < count; i += lanes) {                                                               \
            type buffer[lanes] = {0};                                                                 \
            size_t left = count - i < lanes ? count - i : lanes;                                      \
            memcpy(buffer, s + i, left * sizeof(type));                                               \
            store(buffer, vector(load(buffer)));                                                      \
            memcpy(d + i, buffer, left * sizeof(type));                                               \
        }                                                                                             \
    }

AVX512_MAP_F32(exp_f32_avx512, exp16)
AVX512_MAP_F32(log_f32_avx512, log16)
AVX512_MAP_F32(tanh_f32_avx512, tanh16)
AVX512_MAP_F32(sigmoid_f32_avx512, sigmoid16)
AVX512_MAP_F64(exp_f64_avx512, exp8d)
AVX512_MAP_F64(sigmoid_f64_avx512, sigmoid8d)
AVX2_MAP(exp_f32_avx2, float, 8, __m256, _mm256_loadu_ps, _mm256_storeu_ps, exp8)
AVX2_MAP(log_f32_avx2, float, 8, __m256, _mm256_loadu_ps, _mm256_storeu_ps, log8)
AVX2_MAP(tanh_f32_avx2, float, 8, __m256, _mm256_loadu_ps, _mm256_storeu_ps, tanh8)
AVX2_MAP(sigmoid_f32_avx2, float, 8, __m256, _mm256_loadu_ps, _mm256_storeu_ps, sigmoid8)
AVX2_MAP(exp_f64_avx2, double, 4, __m256d, _mm256_loadu_pd, _mm256_storeu_pd, exp4d)
AVX2_MAP(sigmoid_f64_avx2, double, 4, __m256d, _mm256_loadu_pd, _mm256_storeu_pd, sigmoid4d)

typedef void (*map_f32)(const float *, float *, size_t);
typedef void (*map_f64)(const double *, double *, size_t);

/// The kernel of `op` at `level`, NULL where there is none.
static map_f32 kernel_f32(int op, int level) {
    if (level == 3) {
        switch (op) {
        case FOLIO_MAP_EXP: return exp_f32_avx512;
        case FOLIO_MAP_LOG: return log_f32_avx512;
        case FOLIO_MAP_TANH: return tanh_f32_avx512;
        case FOLIO_MAP_SIGMOID: return sigmoid_f32_avx512;
        }
    }
    if (level == 2) {
        switch (op) {
        case FOLIO_MAP_EXP: return exp_f32_avx2;
        case FOLIO_MAP_LOG: return log_f32_avx2;
        case FOLIO_MAP_TANH: return tanh_f32_avx2;
        case FOLIO_MAP_SIGMOID: return sigmoid_f32_avx2;
        }
    }
    return NULL;
}

static map_f64 kernel_f64(int op, int level) {
    if (level == 3) {
        switch (op) {
        case FOLIO_MAP_EXP: return exp_f64_avx512;
        case FOLIO_MAP_SIGMOID: return sigmoid_f64_avx512;
        }
    }
    if (level == 2) {
        switch (op) {
        case FOLIO_MAP_EXP: return exp_f64_avx2;
        case FOLIO_MAP_SIGMOID: return sigmoid_f64_avx2;
        }
    }
    return NULL;
}

int folio_map_f32(int op, int level, const float *source, float *destination, size_t count) {
    if (level < 0) level = folio_simd_level();
    if (level > folio_simd_level()) return 0;
    map_f32 kernel = kernel_f32(op, level);
    if (!kernel) return 0;
    kernel(source, destination, count);
    return 1;
}

int folio_map_f64(int op, int level, const double *source, double *destination, size_t count) {
    if (level < 0) level = folio_simd_level();
    if (level > folio_simd_level()) return 0;
    map_f64 kernel = kernel_f64(op, level);
    if (!kernel) return 0;
    kernel(source, destination, count);
    return 1;
}

#else
int folio_map_f32(int op, int level, const float *source, float *destination, size_t count) { return 0; }
int folio_map_f64(int op, int level, const double *source, double *destination, size_t count) { return 0; }
#endif
