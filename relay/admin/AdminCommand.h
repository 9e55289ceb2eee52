#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace callsnare::relay {

// `callsnare-relay admin [--data-dir DIR | --database URI] <command> ...`:
// organizations, numbers, billing and an operator's view of leads, against
// the same storage the server uses and safe while it runs (short
// transactions; SQLite waits on the server's lock instead of failing).
//
// main() calls runAdmin() when argv[1] is "admin". Exit codes: 0 done,
// 1 the command failed (database, unknown organization, number taken),
// 2 usage (unknown command or option, missing or invalid value). Errors are
// one line on stderr.
int runAdmin(int argc, char** argv);

// The same with the words after "admin" and explicit streams (for tests).
int runAdmin(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);

} // namespace callsnare::relay
