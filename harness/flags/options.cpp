#include "flags/options.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace contend {

namespace {

std::string env_name(std::string_view field) {
  std::string s = "CONTEND_";
  for (char c : field) s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

template <class T>
void add_one(CLI::App& app, const char* cli, T& field, const char* name, const char* help) {
  const std::string_view h(help);
  CLI::Option* opt = nullptr;
  if constexpr (std::is_same_v<T, bool>) {
    opt = app.add_flag(cli, field, help);
  } else {
    opt = app.add_option(cli, field, help)->capture_default_str();
  }
  opt->envname(env_name(name));
  if (h.starts_with("internal:")) opt->group("");  // hidden from --help
}

}  // namespace

void add_flags(CLI::App& app, unsigned command, Options& o) {
#define CONTEND_FLAG(COMMANDS, TYPE, NAME, CLI, DEFAULT, HELP) \
  if ((COMMANDS) & command) add_one(app, CLI, o.NAME, #NAME, HELP);
#include "flags/flags.def"
#undef CONTEND_FLAG
}

}  // namespace contend
