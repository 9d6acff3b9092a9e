// Error and Result<T>: the channel for recoverable I/O and parse failures (bad files, bad values).
// C++20 has no std::expected; Result<T> is the small subset contend needs. Each Error carries the
// exit code it maps to, so a command can return it without re-classifying.
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <variant>

#include "util/check.h"
#include "util/exit_codes.h"

namespace contend {

struct Error {
  ExitCode code = ExitCode::kBadInput;  // which exit code a command returns for this error
  std::string message;                  // what was wrong, naming the bad value
  std::string hint;                     // how to fix it; may be empty
};

inline Error usage_error(std::string msg, std::string hint = {}) {
  return {ExitCode::kUsage, std::move(msg), std::move(hint)};
}
inline Error input_error(std::string msg, std::string hint = {}) {
  return {ExitCode::kBadInput, std::move(msg), std::move(hint)};
}
inline Error io_error(std::string msg, std::string hint = {}) {
  return {ExitCode::kIoError, std::move(msg), std::move(hint)};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design, like expected
  Result(Error e) : v_(std::move(e)) {}      // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & {
    CONTEND_CHECK(ok()) << "value() on error: " << std::get<1>(v_).message;
    return std::get<0>(v_);
  }
  T&& value() && {
    CONTEND_CHECK(ok()) << "value() on error: " << std::get<1>(v_).message;
    return std::get<0>(std::move(v_));
  }
  const T& value() const& {
    CONTEND_CHECK(ok()) << "value() on error: " << std::get<1>(v_).message;
    return std::get<0>(v_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const {
    CONTEND_CHECK(!ok()) << "error() on a value";
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Error> v_;
};

// Prints "error: <message>" and, if any, "hint: <hint>" on `err`; returns the exit code the
// error maps to. The one way every command reports an Error to a person.
inline int print_error(std::ostream& err, const Error& e) {
  err << "error: " << e.message << "\n";
  if (!e.hint.empty()) err << "hint: " << e.hint << "\n";
  return to_int(e.code);
}

// Result<void> equivalent.
struct Ok {};
using Status = Result<Ok>;

}  // namespace contend
