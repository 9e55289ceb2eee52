#pragma once

#include "domain/Result.h"

#include <string>
#include <string_view>

namespace callsnare::relay {

// True for the URIs that select PostgreSQL: postgresql://... or postgres://...
bool isPostgresUri(std::string_view uri);

// The libpq keyword/value connection string for a PostgreSQL URI
// (postgresql://user:password@host:port/dbname?sslmode=require&...): the
// components percent-decoded, each value quoted as libpq requires. Poco's
// PostgreSQL connector takes only this form.
domain::Result<std::string> libpqConnectionString(std::string_view uri);

// The URI without its password, for logs and error messages.
std::string redactedUri(std::string_view uri);

} // namespace callsnare::relay
