#pragma once
#include "core/common/Result.h"

#include <string>
#include <string_view>

namespace drydock {

// Writes reports, exports and settings files so that nobody else's file is touched and no reader sees half a
// file: the bytes go to a new temporary file beside the target, created with O_CREAT|O_EXCL|O_NOFOLLOW (a
// name someone planted, or a symlink, is never opened), mode 0600 unless the caller asks otherwise, synced,
// then renamed over the target. A symlink at the target is replaced, never followed, so its target is left
// untouched. Devices and FIFOs that already exist (/dev/null, a pipe, /dev/stdout) are written in place.
class AtomicFileWriter
{
public:
    static constexpr unsigned kPrivateMode = 0600;

    // The whole file at once.
    static Result<void> write(const std::string& path, std::string_view data, unsigned mode = kPrivateMode);

    // For writers that need a descriptor (QPdfWriter through a QFile): begin() creates the temporary file,
    // the caller writes to fd(), commit() syncs, closes and renames it. Destroyed without commit(), the
    // temporary file is removed and the target is untouched.
    static Result<AtomicFileWriter> begin(const std::string& path, unsigned mode = kPrivateMode);
    AtomicFileWriter(AtomicFileWriter&& other) noexcept;
    AtomicFileWriter& operator=(AtomicFileWriter&&) = delete;
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
    ~AtomicFileWriter();

    int fd() const { return m_fd; }
    Result<void> append(std::string_view data);
    Result<void> commit();

private:
    AtomicFileWriter(std::string path, std::string temp, int fd, bool inPlace)
        : m_path(std::move(path)), m_temp(std::move(temp)), m_fd(fd), m_inPlace(inPlace)
    {
    }
    void discard();

    std::string m_path;
    std::string m_temp; // empty when writing in place
    int m_fd = -1;
    bool m_inPlace = false;
};

} // namespace drydock
