// The backups an apply keeps: their names, what only they hold, and removing them (HardeningRunner's
// backup half; the trial and apply half is HardeningRunner.cpp).
#include "core/hardening/HardeningRunner.h"

#include "core/common/Strings.h"
#include "core/hardening/HardeningPlanner.h"
#include "core/hardening/RunnerSupport.h"

#include <algorithm>

namespace drydock {

using runner::isNotFound;

namespace {

constexpr std::string_view kBackupMarker = "-drydock-backup-";

} // namespace

std::string HardeningRunner::backupNameFor(const std::string& name, std::int64_t nowUnix)
{
    return name + std::string(kBackupMarker) + runner::timeStamp(nowUnix);
}

bool HardeningRunner::isBackupName(const std::string& name)
{
    return contains(name, kBackupMarker);
}

std::string HardeningRunner::originalNameOf(const std::string& backupName)
{
    const std::size_t at = backupName.rfind(kBackupMarker);
    return at == std::string::npos ? backupName : backupName.substr(0, at);
}

Result<std::vector<BackupOnlyData>> HardeningRunner::dataOnlyInBackup(const std::string& backupName)
{
    auto backup = m_client.inspectContainer(backupName);
    if (!backup) {
        return backup.error();
    }
    auto changes = m_client.containerChanges(backup->id);
    if (!changes) {
        return changes.error();
    }
    // The hardened container starts from the image: what the backup wrote under its tmpfs directories is
    // only in the backup. Without a container of that name, nothing else holds any of what it wrote.
    StringList directories;
    auto current = m_client.inspectContainer(originalNameOf(backupName));
    if (current && current->id != backup->id) {
        directories = tmpfsTargets(current.value());
    } else if (!current && !isNotFound(current.error())) {
        return current.error();
    } else {
        directories = {"/"};
    }
    std::vector<BackupOnlyData> out;
    for (const auto& dir : directories) {
        StringList paths = layerWritesUnder(changes.value(), dir, mountTargets(backup.value()));
        if (!paths.empty()) {
            out.push_back({dir, std::move(paths)});
        }
    }
    return out;
}

Result<void> HardeningRunner::removeBackup(const std::string& backupName, bool force)
{
    if (!isBackupName(backupName)) {
        return Error::make(ErrorCode::InvalidArgument,
                           "'" + backupName +
                               "' is not a Drydock backup (its name has no -drydock-backup-); "
                               "nothing was removed.");
    }
    auto data = dataOnlyInBackup(backupName);
    if (!data && !force) {
        step("remove backup", "refused", backupName + ": " + data.error().message);
        return Error::make(data.error().code, "Could not check what only the backup " + backupName +
                                                  " holds (" + data.error().message +
                                                  "); nothing was removed. --force removes it unchecked.");
    }
    if (data && !data->empty() && !force) {
        const std::string name = originalNameOf(backupName);
        StringList where;
        for (const auto& d : data.value()) {
            StringList shown(d.paths.begin(),
                             d.paths.begin() + std::min<std::ptrdiff_t>(3, std::ssize(d.paths)));
            where.push_back(d.directory + " (" + std::to_string(d.paths.size()) + " path" +
                            (d.paths.size() == 1 ? "" : "s") + ": " + join(shown, ", ") +
                            (d.paths.size() > shown.size() ? ", …" : "") + ")");
        }
        const bool orphan = data->size() == 1 && data->front().directory == "/";
        step("remove backup", "refused", backupName + ": data only in the backup in " + join(where, "; "));
        return Error::make(ErrorCode::InvalidArgument,
                           "The backup " + backupName +
                               " holds data its container wrote in its own layer that exists nowhere "
                               "else: " +
                               join(where, "; ") +
                               (orphan ? ". No container " + name + " exists any more."
                                       : ", where " + name + " now has an empty tmpfs.") +
                               " Copy what you need first (docker cp " + backupName + ":" +
                               data->front().directory +
                               " ./from-backup), then remove it with --force. Nothing was removed.");
    }
    auto r = m_writer.removeContainer(backupName);
    step("remove backup", r ? "ok" : "failed", backupName + (r ? "" : ": " + r.error().message));
    return r;
}

} // namespace drydock
