// cpuid and xgetbv: which vector extensions this CPU has and the OS saves across context switches.
#include "simd_kernels.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

static unsigned long long read_xcr0(void) {
    unsigned eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((unsigned long long)edx << 32) | eax;
}

static unsigned detect(void) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    int osxsave = (ecx >> 27) & 1, fma = (ecx >> 12) & 1;
    if (!osxsave) return 0;
    unsigned long long xcr0 = read_xcr0();
    int ymm_state = (xcr0 & 0x6) == 0x6;         // SSE and AVX registers
    int zmm_state = (xcr0 & 0xE6) == 0xE6;       // plus opmask and the upper ZMM registers
    if (!ymm_state) return 0;
    unsigned features = fma ? FOLIO_CPU_FMA : 0;
    if (__get_cpuid_max(0, 0) < 7) return features;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    if ((ebx >> 5) & 1) features |= FOLIO_CPU_AVX2;
    if (zmm_state) {
        if ((ebx >> 16) & 1) features |= FOLIO_CPU_AVX512F;
        if ((ebx >> 17) & 1) features |= FOLIO_CPU_AVX512DQ;
        if ((ebx >> 30) & 1) features |= FOLIO_CPU_AVX512BW;
        if ((ebx >> 31) & 1) features |= FOLIO_CPU_AVX512VL;
        unsigned a1, b1, c1, d1;
        __cpuid_count(7, 1, a1, b1, c1, d1);
        if ((a1 >> 5) & 1) features |= FOLIO_CPU_AVX512BF16;
    }
    return features;
}
#else
static unsigned detect(void) { return 0; }
#endif

unsigned folio_cpu_features(void) {
    // Bit 31 marks "detected"; threads racing here all compute and store the same value.
    static unsigned cached;
    unsigned value = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (!(value & 0x80000000u)) {
        value = detect() | 0x80000000u;
        __atomic_store_n(&cached, value, __ATOMIC_RELAXED);
    }
    return value & 0x7FFFFFFFu;
}

int folio_simd_level(void) {
    unsigned f = folio_cpu_features();
    if (f & FOLIO_CPU_AVX512F) return 3;
    if ((f & FOLIO_CPU_AVX2) && (f & FOLIO_CPU_FMA)) return 2;
    return 0;
}
