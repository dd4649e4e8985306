// The native 128-bit C reference of bench/native-reference.mjs: the four formulas of
// bench/threads.mjs as plain C loops that gcc vectorises at the width of wasm SIMD.
//
//   gcc -O3 -msse4.2 -mno-avx -ffast-math -fopenmp reference.c -o reference -lmvec -lm
//
// SSE4.2 without AVX gives 4 float32 lanes, the width of wasm's v128; -ffast-math lets gcc call
// glibc's libmvec expf (_ZGVbN4v_expf, 4 lanes) from the vectorised j loops; OpenMP splits the
// rows over the threads (static schedule). The j loops read y as structure of arrays (one array
// per coordinate), laid out once before the clock starts, as the hand-fused AssemblyScript kernel
// reads it.
//
//   reference <formula> <dir> <N> <M> <threads> <reps>
//
// formula: matvec3 | lse | knn | matvec16. Reads <dir>/x.f32 [N, D], <dir>/y.f32 [M, D] and (the
// matvecs) <dir>/b.f32 [M] (little-endian float32, row-major), runs the formula <reps> times on
// <threads> OpenMP threads, writes the last result to <dir>/out-<formula>.bin (float32 [N], or
// int32 [N, 10] for knn) and prints one line of JSON: {"seconds": [each run's wall time],
// "cpuSeconds": the process's CPU time}.
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#define K_NN 10
#define BLOCK 256 // columns whose distances the k-NN scan computes at once

static float *read_floats(const char *dir, const char *name, size_t count) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) { fprintf(stderr, "reference: cannot open %s\n", path); exit(2); }
  float *data = aligned_alloc(64, ((count * sizeof(float) + 63) / 64) * 64);
  if (fread(data, sizeof(float), count, f) != count) { fprintf(stderr, "reference: %s is shorter than %zu floats\n", path, count); exit(2); }
  fclose(f);
  return data;
}

/** y [M, D] row-major -> D arrays of M floats (structure of arrays). */
static float *columns(const float *y, int M, int D) {
  float *soa = aligned_alloc(64, ((size_t)M * D * sizeof(float) + 63) / 64 * 64);
  for (int j = 0; j < M; j++)
    for (int k = 0; k < D; k++) soa[(size_t)k * M + j] = y[(size_t)j * D + k];
  return soa;
}

// out_i = sum_j exp(-g |x_i - y_j|^2) b_j. A macro, not a function of D: OpenMP outlines the
// loop's body, and D must be a constant there for gcc to unroll k and vectorise j.
#define MATVEC(NAME, D)                                                                          \
  static void NAME(const float *restrict x, const float *restrict ys, const float *restrict b,  \
                   float *restrict out, int N, int M, float g) {                                \
    _Pragma("omp parallel for schedule(static)")                                                 \
    for (int i = 0; i < N; i++) {                                                                \
      float xi[D];                                                                               \
      for (int k = 0; k < D; k++) xi[k] = x[(size_t)i * D + k];                                  \
      float s = 0.0f;                                                                            \
      _Pragma("omp simd reduction(+ : s)")                                                       \
      for (int j = 0; j < M; j++) {                                                              \
        float r2 = 0.0f;                                                                         \
        for (int k = 0; k < D; k++) {                                                            \
          const float d = xi[k] - ys[(size_t)k * M + j];                                         \
          r2 += d * d;                                                                           \
        }                                                                                        \
        s += expf(-g * r2) * b[j];                                                               \
      }                                                                                          \
      out[i] = s;                                                                                \
    }                                                                                            \
  }

MATVEC(matvec3, 3)
MATVEC(matvec16, 16)

// out_i = log sum_j exp(v_ij), v_ij = -g |x_i - y_j|^2, with the max-shift: a first pass
// stores the row's exponents and their maximum, a second sums exp(v - max).
static void lse3(const float *restrict x, const float *restrict ys, float *restrict out, int N, int M, float g) {
#pragma omp parallel
  {
    float *v = aligned_alloc(64, ((size_t)M * sizeof(float) + 63) / 64 * 64);
#pragma omp for schedule(static)
    for (int i = 0; i < N; i++) {
      const float x0 = x[3 * (size_t)i], x1 = x[3 * (size_t)i + 1], x2 = x[3 * (size_t)i + 2];
      float max = -INFINITY;
#pragma omp simd reduction(max : max)
      for (int j = 0; j < M; j++) {
        const float d0 = x0 - ys[j], d1 = x1 - ys[M + j], d2 = x2 - ys[2 * (size_t)M + j];
        v[j] = -g * (d0 * d0 + d1 * d1 + d2 * d2);
        max = v[j] > max ? v[j] : max;
      }
      float s = 0.0f;
#pragma omp simd reduction(+ : s)
      for (int j = 0; j < M; j++) s += expf(v[j] - max);
      out[i] = max + logf(s);
    }
    free(v);
  }
}

// The K_NN nearest j of each i by |x_i - y_j|^2: distances of a block of columns at once
// (vectorised), then a scalar scan that inserts those below the current K-th best.
static void knn3(const float *restrict x, const float *restrict ys, int32_t *restrict out, int N, int M) {
#pragma omp parallel for schedule(static)
  for (int i = 0; i < N; i++) {
    const float x0 = x[3 * (size_t)i], x1 = x[3 * (size_t)i + 1], x2 = x[3 * (size_t)i + 2];
    float best[K_NN], r2[BLOCK];
    int32_t idx[K_NN];
    for (int k = 0; k < K_NN; k++) { best[k] = INFINITY; idx[k] = -1; }
    for (int j0 = 0; j0 < M; j0 += BLOCK) {
      const int n = M - j0 < BLOCK ? M - j0 : BLOCK;
#pragma omp simd
      for (int j = 0; j < n; j++) {
        const float d0 = x0 - ys[j0 + j], d1 = x1 - ys[M + j0 + j], d2 = x2 - ys[2 * (size_t)M + j0 + j];
        r2[j] = d0 * d0 + d1 * d1 + d2 * d2;
      }
      for (int j = 0; j < n; j++) {
        const float r = r2[j];
        if (!(r < best[K_NN - 1])) continue;
        int p = K_NN - 1;
        while (p > 0 && best[p - 1] > r) { best[p] = best[p - 1]; idx[p] = idx[p - 1]; p--; }
        best[p] = r;
        idx[p] = j0 + j;
      }
    }
    memcpy(out + (size_t)i * K_NN, idx, sizeof idx);
  }
}

int main(int argc, char **argv) {
  if (argc != 7) {
    fprintf(stderr, "usage: reference matvec3|lse|knn|matvec16 <dir> <N> <M> <threads> <reps>\n");
    return 2;
  }
  const char *formula = argv[1], *dir = argv[2];
  const int N = atoi(argv[3]), M = atoi(argv[4]), threads = atoi(argv[5]), reps = atoi(argv[6]);
  const int D = strcmp(formula, "matvec16") == 0 ? 16 : 3;
  const int knn = strcmp(formula, "knn") == 0, lse = strcmp(formula, "lse") == 0;
  if (!knn && !lse && strcmp(formula, "matvec3") != 0 && D != 16) { fprintf(stderr, "reference: unknown formula %s\n", formula); return 2; }
  if (N <= 0 || M <= 0 || threads <= 0 || reps <= 0) { fprintf(stderr, "reference: N, M, threads and reps must be positive\n"); return 2; }
  omp_set_num_threads(threads);
  float *x = read_floats(dir, "x.f32", (size_t)N * D);
  float *y = read_floats(dir, "y.f32", (size_t)M * D);
  float *b = knn || lse ? NULL : read_floats(dir, "b.f32", (size_t)M);
  float *ys = columns(y, M, D);
  // The formulas' constants, as bench/threads.mjs writes them: sigma 0.5 in D = 3, 1 in D = 16.
  const float g = D == 16 ? 0.5f : 2.0f;
  const size_t outCount = knn ? (size_t)N * K_NN : (size_t)N;
  void *out = aligned_alloc(64, (outCount * 4 + 63) / 64 * 64);

  printf("{\"seconds\": [");
  for (int r = 0; r < reps; r++) {
    const double t0 = omp_get_wtime();
    if (knn) knn3(x, ys, out, N, M);
    else if (lse) lse3(x, ys, out, N, M, g);
    else if (D == 16) matvec16(x, ys, b, out, N, M, g);
    else matvec3(x, ys, b, out, N, M, g);
    printf("%s%.6f", r ? ", " : "", omp_get_wtime() - t0);
  }
  // CPU seconds of the whole process (every thread, start-up included): the caller subtracts
  // them from the machine's busy time to tell how busy other processes kept the cores.
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  const double cpu = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + 1e-6 * (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
  printf("], \"cpuSeconds\": %.6f}\n", cpu);

  char path[4096];
  snprintf(path, sizeof path, "%s/out-%s.bin", dir, formula);
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(out, 4, outCount, f) != outCount) { fprintf(stderr, "reference: cannot write %s\n", path); return 2; }
  fclose(f);
  return 0;
}
