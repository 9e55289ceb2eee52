#pragma once

#include <cstdint>
#include <string>

namespace callsnare::relay {

// What a Poco server process here does before it serves, shared by
// callsnare-relay and the carrier stand-in.

// Blocks SIGINT/SIGTERM/SIGQUIT in the calling thread (and the threads it
// starts later) so Poco's waitForTerminationRequest() receives them, and
// ignores SIGPIPE: a client that disconnects mid-answer must not kill the server.
void blockTerminationSignals();

// Writes the bound port through a temporary file and a rename, so a reader
// never sees a partial port. Refuses to replace anything but a regular file
// (never a device or a directory); false with *error set on failure.
bool writePortFile(const std::string& path, std::uint16_t port, std::string& error);

} // namespace callsnare::relay
