#include "compare/comparer.h"

#include <algorithm>
#include <limits>
#include <set>

#include "compare/mann_whitney.h"

namespace contend {

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::kNoChange: return "no change";
    case Verdict::kImprovement: return "improvement";
    case Verdict::kRegression: return "REGRESSION";
    case Verdict::kTooFew: return "too few repetitions";
    case Verdict::kInfo: return "info";
  }
  return "?";
}

bool CellComparison::regressed() const { return !new_failures.empty() || count(Verdict::kRegression) > 0; }

int CellComparison::count(Verdict v) const {
  return static_cast<int>(std::count_if(metrics.begin(), metrics.end(), [v](const auto& m) { return m.verdict == v; }));
}

bool Comparison::regression() const {
  for (const auto& c : cells) {
    if (!c.new_failures.empty()) return true;
    if (!options.outcomes_only && c.count(Verdict::kRegression) > 0) return true;
  }
  return false;
}

int Comparison::count(Verdict v) const {
  int n = 0;
  for (const auto& c : cells) n += c.count(v);
  return n;
}

double median(std::vector<double> v) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

std::vector<std::string> failure_kinds(const Sample& s) {
  std::vector<std::string> k;
  // "unknown" (the checker ran out of budget) and "ok" are not failures of the target.
  if (s.outcome != Outcome::kOk && s.outcome != Outcome::kUnknown) k.emplace_back(outcome_name(s.outcome));
  for (const auto& v : s.violation_kinds) k.push_back(v);
  return k;
}

namespace {

std::vector<std::string> cell_failures(const Cell* c, std::string* first_detail) {
  std::set<std::string> kinds;
  if (!c) return {};
  for (const auto& s : c->samples) {
    for (auto& k : failure_kinds(s)) kinds.insert(k);
    if (first_detail && first_detail->empty() && !failure_kinds(s).empty()) {
      *first_detail = s.failure.empty() ? s.source : s.failure + " (" + s.source + ")";
    }
  }
  return {kinds.begin(), kinds.end()};
}

// Values of `metric` over the samples that completed (a crashed run's figures are partial).
std::vector<double> values(const Cell& c, const std::string& metric) {
  std::vector<double> v;
  for (const auto& s : c.samples) {
    if (s.outcome != Outcome::kOk && s.outcome != Outcome::kViolation && s.outcome != Outcome::kUnknown) continue;
    if (auto it = s.metrics.find(metric); it != s.metrics.end() && std::isfinite(it->second)) v.push_back(it->second);
  }
  return v;
}

MetricComparison compare_metric(const std::string& metric, const Cell& b, const Cell& c, const Thresholds& t) {
  MetricComparison m;
  m.metric = metric;
  m.rule = t.rule_for(metric);
  const auto xb = values(b, metric), xc = values(c, metric);
  m.n_base = xb.size();
  m.n_cand = xc.size();
  m.base = median(xb);
  m.cand = median(xc);
  const double delta = m.cand - m.base;
  if (m.base != 0) m.change = delta / std::abs(m.base);
  else m.change = delta == 0 ? 0 : std::copysign(std::numeric_limits<double>::infinity(), delta);
  if (m.rule.better == Better::kNone) {
    m.verdict = Verdict::kInfo;
    return m;
  }
  const auto min_n = static_cast<std::size_t>(t.min_repetitions);
  if (xb.size() < min_n || xc.size() < min_n) {
    m.verdict = Verdict::kTooFew;
    m.note = "need >= " + std::to_string(t.min_repetitions) + " repetitions per side";
    return m;
  }
  m.p_value = mann_whitney_u(xb, xc).p_value;
  const bool significant = m.p_value < t.alpha;
  const double mag = std::abs(delta);
  const bool beyond = mag > m.rule.rel * std::abs(m.base) && mag > m.rule.abs;
  const bool worse = m.rule.better == Better::kLower ? delta > 0 : delta < 0;
  if (significant && beyond) {
    m.verdict = worse ? Verdict::kRegression : Verdict::kImprovement;
  } else {
    m.verdict = Verdict::kNoChange;
    if (significant) m.note = "significant, within threshold";
    else if (beyond) m.note = "beyond threshold, not significant";
  }
  return m;
}

}  // namespace

Comparison compare_sets(const SampleSet& base, const SampleSet& cand, const Thresholds& t, const CompareOptions& o) {
  Comparison out;
  out.base_origin = base.origin;
  out.cand_origin = cand.origin;
  out.thresholds = t;
  out.options = o;
  std::set<std::string> keys;
  for (const auto& [k, _] : base.cells) keys.insert(k);
  for (const auto& [k, _] : cand.cells) keys.insert(k);
  std::size_t fewest = std::numeric_limits<std::size_t>::max();
  for (const auto& key : keys) {
    const auto bi = base.cells.find(key);
    const auto ci = cand.cells.find(key);
    const Cell* b = bi == base.cells.end() ? nullptr : &bi->second;
    const Cell* c = ci == cand.cells.end() ? nullptr : &ci->second;
    CellComparison cc;
    cc.key = key;
    cc.in_base = b != nullptr;
    cc.in_cand = c != nullptr;
    cc.n_base = b ? b->samples.size() : 0;
    cc.n_cand = c ? c->samples.size() : 0;
    cc.base_failures = cell_failures(b, nullptr);
    cc.cand_failures = cell_failures(c, &cc.failure_detail);
    for (const auto& k : cc.cand_failures) {
      if (std::find(cc.base_failures.begin(), cc.base_failures.end(), k) == cc.base_failures.end()) {
        cc.new_failures.push_back(k);
      }
    }
    if (c) {
      for (const auto& s : c->samples) cc.cand_seconds += s.duration_s;
    }
    if (b && c) {
      ++out.matched;
      fewest = std::min({fewest, b->samples.size(), c->samples.size()});
      std::set<std::string> names;
      for (const auto& s : b->samples) for (const auto& [n, _] : s.metrics) names.insert(n);
      for (const auto& s : c->samples) for (const auto& [n, _] : s.metrics) names.insert(n);
      for (const auto& n : names) cc.metrics.push_back(compare_metric(n, *b, *c, t));
    } else {
      out.warnings.push_back("cell '" + key + "' is only in the " + (b ? "baseline" : "candidate"));
    }
    out.cells.push_back(std::move(cc));
  }
  if (out.matched > 0 && fewest < static_cast<std::size_t>(t.min_repetitions)) {
    out.warnings.push_back("too few repetitions: " + std::to_string(fewest) + " on a side; performance verdicts need >= " +
                           std::to_string(t.min_repetitions) + " per side (no conclusion drawn below that)");
  } else if (out.matched > 0 && fewest < static_cast<std::size_t>(t.warn_repetitions)) {
    out.warnings.push_back("only " + std::to_string(fewest) + " repetitions on a side: the U test has low power below " +
                           std::to_string(t.warn_repetitions) + "; small changes can go unflagged");
  }
  return out;
}

}  // namespace contend
