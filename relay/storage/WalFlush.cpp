#include "relay/storage/WalFlush.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace callsnare::relay {

namespace {

domain::Error flushError(const std::string& what, const std::string& path, int error)
{
    return domain::makeError("storage_error", "Cannot " + what + " " + path + ": " + std::strerror(error));
}

} // namespace

WalFlush::WalFlush(std::string databasePath) : m_walPath(std::move(databasePath) + "-wal")
{
    const auto slash = m_walPath.rfind('/');
    m_directory = slash == std::string::npos ? "." : (slash == 0 ? "/" : m_walPath.substr(0, slash));
}

WalFlush::~WalFlush()
{
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

domain::Result<void> WalFlush::openCurrentLog()
{
    struct stat current { };
    if (::stat(m_walPath.c_str(), &current) != 0) {
        return flushError("find the write-ahead log", m_walPath, errno);
    }
    if (m_fd >= 0 && current.st_dev == m_device && current.st_ino == m_inode) {
        return {};
    }
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    const int fd = ::open(m_walPath.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return flushError("open the write-ahead log", m_walPath, errno);
    }
    // A log new to us may be new on disk too: its directory entry must be
    // durable before anything in it counts as such.
    const int directory = ::open(m_directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory < 0 || ::fsync(directory) != 0) {
        const int error = errno;
        if (directory >= 0) {
            ::close(directory);
        }
        ::close(fd);
        return flushError("sync the directory", m_directory, error);
    }
    ::close(directory);
    m_fd = fd;
    m_device = current.st_dev;
    m_inode = current.st_ino;
    return {};
}

domain::Result<void> WalFlush::flush()
{
    auto opened = openCurrentLog();
    if (!opened) {
        return opened;
    }
    if (::fdatasync(m_fd) != 0) {
        return flushError("flush the write-ahead log", m_walPath, errno);
    }
    return {};
}

} // namespace callsnare::relay
