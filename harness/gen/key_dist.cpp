#include "gen/key_dist.h"

#include <algorithm>
#include <cmath>

namespace contend {

namespace {
// log1p(x)/x and expm1(x)/x with their limits at 0 (series for tiny |x|).
double helper1(double x) { return std::abs(x) > 1e-8 ? std::log1p(x) / x : 1 - x * (0.5 - x / 3); }
double helper2(double x) { return std::abs(x) > 1e-8 ? std::expm1(x) / x : 1 + x * 0.5 * (1 + x / 3); }
}  // namespace

std::string_view key_dist_name(KeyDistKind k) {
  switch (k) {
    case KeyDistKind::kUniform: return "uniform";
    case KeyDistKind::kZipf: return "zipf";
    case KeyDistKind::kHotSet: return "hotset";
    case KeyDistKind::kSequential: return "sequential";
  }
  return "?";
}

Result<KeyDistKind> parse_key_dist(std::string_view name) {
  for (auto k : {KeyDistKind::kUniform, KeyDistKind::kZipf, KeyDistKind::kHotSet, KeyDistKind::kSequential}) {
    if (key_dist_name(k) == name) return k;
  }
  return usage_error("unknown key distribution '" + std::string(name) + "'",
                     "use one of: uniform, zipf, hotset, sequential");
}

KeySampler::KeySampler(const KeyDistSpec& spec, uint64_t n, uint64_t thread_offset)
    : spec_(spec), n_(std::max<uint64_t>(n, 1)), cursor_(thread_offset % n_) {
  hot_n_ = std::clamp<uint64_t>(static_cast<uint64_t>(spec.hot_fraction * static_cast<double>(n_)), 1, n_);
  if (spec_.kind == KeyDistKind::kZipf) {
    h_integral_x1_ = h_integral(1.5) - 1.0;
    h_integral_n_ = h_integral(static_cast<double>(n_) + 0.5);
    s_bound_ = 2.0 - h_integral_inverse(h_integral(2.5) - h(2.0));
  }
}

Key KeySampler::next(Rng& rng) {
  switch (spec_.kind) {
    case KeyDistKind::kUniform: return rng.below(n_);
    case KeyDistKind::kZipf: return zipf(rng);
    case KeyDistKind::kHotSet:
      if (rng.unit() < spec_.hot_probability) return rng.below(hot_n_);
      return n_ == hot_n_ ? rng.below(n_) : hot_n_ + rng.below(n_ - hot_n_);
    case KeyDistKind::kSequential: {
      const Key k = cursor_;
      cursor_ = cursor_ + 1 == n_ ? 0 : cursor_ + 1;
      return k;
    }
  }
  return 0;
}

double KeySampler::h(double x) const { return std::exp(-spec_.zipf_s * std::log(x)); }

double KeySampler::h_integral(double x) const {
  const double lx = std::log(x);
  return helper2((1.0 - spec_.zipf_s) * lx) * lx;
}

double KeySampler::h_integral_inverse(double x) const {
  double t = x * (1.0 - spec_.zipf_s);
  t = std::max(t, -1.0);
  return std::exp(helper1(t) * x);
}

Key KeySampler::zipf(Rng& rng) const {
  for (;;) {
    const double u = h_integral_n_ + rng.unit() * (h_integral_x1_ - h_integral_n_);
    const double x = h_integral_inverse(u);
    double k = std::floor(x + 0.5);
    k = std::clamp(k, 1.0, static_cast<double>(n_));
    if (k - x <= s_bound_ || u >= h_integral(k + 0.5) - h(k)) return static_cast<Key>(k) - 1;
  }
}

}  // namespace contend
