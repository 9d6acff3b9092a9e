// Arrival and lifetime generators for the open-loop workloads (ticker, sessions). Each is a
// pure function of its Rng stream, so a run's schedule is a function of (seed, thread).
//   FixedInterval   t_k = phase + k * interval (the ticker)
//   PoissonProcess  exponential inter-arrival gaps with mean 1/rate (session arrivals, and the
//                   requests inside a session)
//   pareto()        heavy-tailed session lifetime: x_m / U^(1/alpha), capped (alpha <= 1 has an
//                   infinite mean; the cap keeps it finite and is recorded)
#pragma once

#include <cmath>
#include <cstdint>

#include "util/rng.h"

namespace contend::workloads {

class FixedInterval {
 public:
  FixedInterval(double interval_s, double phase_s) : interval_(interval_s), next_(phase_s) {}
  double next() {
    const double t = next_;
    next_ += interval_;
    return t;
  }

 private:
  double interval_, next_;
};

class PoissonProcess {
 public:
  PoissonProcess(double rate_per_s, uint64_t seed, double start_s = 0) : rate_(rate_per_s), rng_(seed), t_(start_s) {}
  // Time of the next arrival (seconds); strictly increasing.
  double next() {
    t_ += exponential(rng_, rate_);
    return t_;
  }
  static double exponential(Rng& rng, double rate) { return -std::log1p(-rng.unit()) / rate; }

 private:
  double rate_;
  Rng rng_;
  double t_;
};

inline double pareto(Rng& rng, double x_m, double alpha, double cap) {
  const double u = 1.0 - rng.unit();  // (0, 1]
  const double x = x_m / std::pow(u, 1.0 / alpha);
  return x < cap ? x : cap;
}

}  // namespace contend::workloads
