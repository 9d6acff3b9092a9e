// build_id: the GNU build-id of the running executable (hex), so a schedule recorded by one
// binary is never silently replayed on another (schedule points differ between builds).
#pragma once

#include <string>

namespace contend {

// Hex of the executable's NT_GNU_BUILD_ID note, or "unknown" if it has none.
std::string executable_build_id();

}  // namespace contend
