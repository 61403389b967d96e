// Named points in the writing code where a test can stop or kill the process, so that crash
// and race tests choose their moment by progress, not by timing.
#pragma once

#include <string_view>

namespace sova::detail {

/// Marks that the process has reached `point` (e.g. "commit", "swap-published"). Does nothing
/// unless the environment variable SOVA_FAULT is set to "<point>:<n>:<action>": then, the n-th
/// time (1-based) `point` is reached, the process kills itself (`kill`: SIGKILL, a crash at
/// exactly that point) or stops itself (`stop`: SIGSTOP, so that a test can act while it
/// waits, then continue or kill it). Several rules may be given, separated by commas.
/// The variable is read once; the check costs one branch when it is unset.
void fault_point(std::string_view point);

} // namespace sova::detail
