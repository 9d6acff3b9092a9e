// CONTEND_CHECK: assertions on the harness's own logic. A failed check is a contend bug, never a
// target misbehaviour (those become Failure records) nor bad user input (those become Error).
// It prints file:line, the condition and the streamed context, then aborts.
#pragma once

#include <cstdlib>
#include <iostream>
#include <sstream>

namespace contend::detail {

class CheckFailure {
 public:
  CheckFailure(const char* file, int line, const char* cond) {
    msg_ << "contend: internal check failed at " << file << ":" << line << ": " << cond;
  }
  template <class T>
  CheckFailure& operator<<(const T& v) {
    msg_ << (first_ ? ": " : "") << v;
    first_ = false;
    return *this;
  }
  [[noreturn]] ~CheckFailure() {
    std::cerr << msg_.str() << "\n(this is a bug in contend; please report it with the command line)\n";
    std::cerr.flush();
    std::abort();
  }

 private:
  std::ostringstream msg_;
  bool first_ = true;
};

}  // namespace contend::detail

#define CONTEND_CHECK(cond) \
  if (cond) {               \
  } else                    \
    ::contend::detail::CheckFailure(__FILE__, __LINE__, #cond)
