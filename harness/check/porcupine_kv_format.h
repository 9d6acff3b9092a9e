// Parser for Porcupine's kv histories (EDN maps, one event per line; see
// corpora/histories/porcupine/README.md). The line index is the stamp. Outcomes: :ok completes
// the pending invoke of that process; :fail means it did not happen (dropped); :info, or no
// completion by the end of the file, leaves it pending (unknown outcome).
#pragma once

#include <string_view>
#include <vector>

#include "check/kv_model.h"
#include "util/error.h"

namespace contend::check {

// `file` only names the input in errors ("FILE:LINE: expected ...").
Result<std::vector<ModelOp<KvModel>>> parse_porcupine_kv(std::string_view text,
                                                        std::string_view file);

}  // namespace contend::check
