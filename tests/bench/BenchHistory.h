#pragma once
// A history database in a new temporary folder for the history benchmarks, removed with the folder when the
// object goes (kept when DRYDOCK_BENCH_KEEP is set); its size counts the write-ahead log, so a checkpoint neither hides nor fakes growth.
#include "core/store/HistoryStore.h"
#include "tests/bench/BenchSupport.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace drydock::bench {

// Owns the temporary folder and the open store; null store() when either could not be made (said on stderr).
class TempHistory
{
public:
    explicit TempHistory(const char* name)
    {
        std::string pattern = std::string("/tmp/drydock-bench-") + name + "-XXXXXX";
        if (!mkdtemp(pattern.data())) {
            std::perror("mkdtemp");
            return;
        }
        m_dir = pattern;
        m_path = m_dir + "/history.db";
        auto store = HistoryStore::open(m_path);
        if (!store) {
            std::fprintf(stderr, "%s\n", store.error().message.c_str());
            return;
        }
        m_store = std::move(store.value());
    }
    ~TempHistory()
    {
        m_store.reset();
        if (std::getenv("DRYDOCK_BENCH_KEEP")) { // to look inside with sqlite3 afterwards
            std::fprintf(stderr, "kept %s\n", m_path.c_str());
        } else if (!m_dir.empty()) {
            shell("rm -rf " + m_dir);
        }
    }
    TempHistory(const TempHistory&) = delete;
    TempHistory& operator=(const TempHistory&) = delete;

    HistoryStore* store() const { return m_store.get(); }
    const std::string& path() const { return m_path; }
    // The database and its write-ahead log, in bytes.
    long bytes() const
    {
        long total = 0;
        for (const char* suffix : {"", "-wal"}) {
            struct stat st
            {
            };
            if (::stat((m_path + suffix).c_str(), &st) == 0) {
                total += static_cast<long>(st.st_size);
            }
        }
        return total;
    }

private:
    std::string m_dir;
    std::string m_path;
    std::unique_ptr<HistoryStore> m_store;
};

} // namespace drydock::bench
