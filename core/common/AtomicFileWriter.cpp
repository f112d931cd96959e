#include "core/common/AtomicFileWriter.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

namespace drydock {

namespace {

Error writeError(const std::string& path, int error)
{
    return Error::make(ErrorCode::Io, "Cannot write " + path + ": " + std::strerror(error) +
                                          ". Choose a folder that exists and that you can write to.");
}

std::string randomSuffix()
{
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::random_device random;
    std::string out;
    for (int i = 0; i < 10; ++i) {
        out += kAlphabet[random() % (sizeof kAlphabet - 1)];
    }
    return out;
}

} // namespace

Result<AtomicFileWriter> AtomicFileWriter::begin(const std::string& path, unsigned mode)
{
    if (path.empty()) {
        return Error::make(ErrorCode::InvalidArgument, "No output file was named.");
    }
    // A device or a pipe the user named (/dev/null, a FIFO, /dev/stdout and its symlink): written in place,
    // never created or replaced. Opened without O_CREAT or O_TRUNC and checked on the descriptor, so a path
    // swapped for a regular file in between is not touched and goes the temporary-file way instead.
    struct stat st
    {
    };
    if (::stat(path.c_str(), &st) == 0 && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
        const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) {
            return writeError(path, errno);
        }
        if (::fstat(fd, &st) == 0 && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
            return AtomicFileWriter(path, {}, fd, true);
        }
        ::close(fd);
    }
    const auto slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
    const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    for (int attempt = 0; attempt < 16; ++attempt) {
        // Hidden and unpredictable, beside the target so that rename() stays on one file system.
        const std::string temp = dir + "." + base + "." + randomSuffix() + ".part";
        const int fd =
            ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode & 0777);
        if (fd < 0) {
            if (errno == EEXIST) {
                continue;
            }
            return writeError(path, errno);
        }
        // Exactly the mode asked for, whatever the umask says (it may only have taken bits away).
        if (::fchmod(fd, mode & 0777) != 0) {
            const int why = errno;
            ::close(fd);
            ::unlink(temp.c_str());
            return writeError(path, why);
        }
        return AtomicFileWriter(path, temp, fd, false);
    }
    return writeError(path, EEXIST);
}

AtomicFileWriter::AtomicFileWriter(AtomicFileWriter&& other) noexcept
    : m_path(std::move(other.m_path)), m_temp(std::move(other.m_temp)), m_fd(other.m_fd),
      m_inPlace(other.m_inPlace)
{
    other.m_fd = -1;
    other.m_temp.clear();
}

AtomicFileWriter::~AtomicFileWriter()
{
    discard();
}

void AtomicFileWriter::discard()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_temp.empty()) {
        ::unlink(m_temp.c_str());
        m_temp.clear();
    }
}

Result<void> AtomicFileWriter::append(std::string_view data)
{
    std::size_t written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(m_fd, data.data() + written, data.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            const int why = n < 0 ? errno : EIO;
            discard();
            return writeError(m_path, why);
        }
        written += static_cast<std::size_t>(n);
    }
    return success();
}

Result<void> AtomicFileWriter::commit()
{
    if (m_fd < 0) {
        return writeError(m_path, EBADF);
    }
    if (m_inPlace) {
        const bool closed = ::close(m_fd) == 0;
        m_fd = -1;
        return closed ? success() : Result<void>(writeError(m_path, errno));
    }
    const bool synced = ::fsync(m_fd) == 0;
    const int syncError = errno;
    const bool closed = ::close(m_fd) == 0;
    const int closeError = errno;
    m_fd = -1;
    if (!synced || !closed) {
        const int why = !synced ? syncError : closeError;
        discard();
        return writeError(m_path, why);
    }
    // rename() replaces a symlink at path itself; what it pointed to is never opened.
    if (std::rename(m_temp.c_str(), m_path.c_str()) != 0) {
        const int why = errno;
        discard();
        return writeError(m_path, why);
    }
    m_temp.clear();
    return success();
}

Result<void> AtomicFileWriter::write(const std::string& path, std::string_view data, unsigned mode)
{
    auto writer = begin(path, mode);
    if (!writer) {
        return writer.error();
    }
    if (auto ok = writer->append(data); !ok) {
        return ok;
    }
    return writer->commit();
}

} // namespace drydock
