// Last resorts for an index that Xapian 1.4 crashes on or never finishes reading: the command
// still ends with exit code 2 and a message naming the index (docs/ARCHITECTURE.md, "Damaged
// indexes"). Process-wide, so they belong to the program, not to the library.
#pragma once

#include <string>

namespace sova::cli {

/// From now on, a crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) ends the program with exit
/// code 2 and the message that the index `index` looks damaged. Does nothing in sanitizer
/// builds, whose own reports say more.
void guard_crashes(const std::string& index);

/// While it lives, the program ends the same way if it is still running `seconds` after it was
/// made, saying that reading the index took too long. Made around the calls that read the
/// index only: never around reading input or writing output, which may wait on a person.
class ReadingDeadline {
public:
    ReadingDeadline(const std::string& index, unsigned seconds);
    ~ReadingDeadline();
    ReadingDeadline(const ReadingDeadline&) = delete;
    ReadingDeadline& operator=(const ReadingDeadline&) = delete;
};

} // namespace sova::cli
