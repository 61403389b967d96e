// Sova's version.
#pragma once

namespace sova {

/// The library's version, "MAJOR.MINOR.PATCH".
const char* version() noexcept;

} // namespace sova
