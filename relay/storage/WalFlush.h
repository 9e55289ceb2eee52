#pragma once

#include "domain/Result.h"

#include <string>
#include <sys/types.h>

namespace callsnare::relay {

// Makes a SQLite database's write-ahead log durable: fdatasync on the log
// file (PATH-wal). A writer at synchronous=NORMAL commits into the log
// without waiting for the disk; one flush afterwards makes every commit so
// far durable, as synchronous=FULL would have made each one. Linux writes a
// file's dirty pages whatever descriptor asks, so our own descriptor
// reaches what SQLite wrote through its own.
//
// Used by one thread at a time (GroupCommitWriter's flusher).
class WalFlush {
public:
    explicit WalFlush(std::string databasePath);
    ~WalFlush();

    WalFlush(const WalFlush&) = delete;
    WalFlush& operator=(const WalFlush&) = delete;

    domain::Result<void> flush();

private:
    // (Re)opens the log when it is new to us: at the first flush, or after
    // SQLite removed and created it again (when every connection closed).
    domain::Result<void> openCurrentLog();

    std::string m_walPath;
    std::string m_directory;
    int m_fd = -1;
    dev_t m_device = 0;
    ino_t m_inode = 0;
};

} // namespace callsnare::relay
