#include "core/host/DaemonProcess.h"

#include "core/common/Strings.h"

#include <algorithm>
#include <cstdlib>

namespace drydock {

namespace {

bool isPid(const std::string& name)
{
    return !name.empty() &&
           std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string> splitNul(const std::string& text)
{
    std::vector<std::string> out;
    std::string word;
    for (char c : text) {
        if (c == '\0') {
            out.push_back(word);
            word.clear();
        } else {
            word.push_back(c);
        }
    }
    if (!word.empty()) {
        out.push_back(word);
    }
    return out;
}

// "Uid:\t1000\t1000\t1000\t1000" -> 1000; "PPid:\t1" -> 1
std::optional<long> statusField(const std::string& status, std::string_view field)
{
    for (const auto& line : split(status, '\n')) {
        if (startsWith(line, field)) {
            const std::string rest = trim(line.substr(field.size()));
            char* end = nullptr;
            const long v = std::strtol(rest.c_str(), &end, 10);
            if (end != rest.c_str()) {
                return v;
            }
        }
    }
    return std::nullopt;
}

// The -H/--host values of a dockerd argv, in order.
std::vector<std::string> hostsOf(const std::vector<std::string>& argv)
{
    std::vector<std::string> hosts;
    for (std::size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if ((a == "-H" || a == "--host") && i + 1 < argv.size()) {
            hosts.push_back(argv[++i]);
        } else if (startsWith(a, "--host=")) {
            hosts.push_back(a.substr(7));
        } else if (startsWith(a, "-H=")) {
            hosts.push_back(a.substr(3));
        } else if (startsWith(a, "-H") && a.size() > 2 && a[2] != '-') {
            hosts.push_back(a.substr(2));
        }
    }
    return hosts;
}

} // namespace

std::string normalizeSocketPath(std::string_view path)
{
    std::string p(path);
    if (startsWith(p, "unix://")) {
        p = p.substr(7);
    }
    if (startsWith(p, "/var/run/")) {
        p = p.substr(4);
    }
    return p;
}

std::vector<DaemonProcess> listDaemonProcesses(const HostReader& view)
{
    std::vector<std::pair<int, std::string>> pids;
    for (const auto& name : view.processIds("dockerd").names) {
        if (isPid(name)) {
            pids.emplace_back(std::atoi(name.c_str()), name);
        }
    }
    std::sort(pids.begin(), pids.end());
    std::vector<DaemonProcess> out;
    for (const auto& [pid, name] : pids) {
        const std::string dir = "/proc/" + name;
        const std::string comm = trim(view.readFile(dir + "/comm").text);
        const HostText cmdline = view.readFile(dir + "/cmdline");
        auto argv = splitNul(cmdline.text);
        if (argv.empty()) {
            continue;
        }
        const bool named =
            comm == "dockerd" || argv.front() == "dockerd" || endsWith(argv.front(), "/dockerd");
        if (!named) {
            continue;
        }
        DaemonProcess p;
        p.pid = pid;
        p.argv = std::move(argv);
        const std::string status = view.readFile(dir + "/status").text;
        p.uid = static_cast<unsigned>(statusField(status, "Uid:").value_or(0));
        if (const auto ppid = statusField(status, "PPid:"); ppid && *ppid > 0) {
            p.parentName = trim(view.readFile("/proc/" + std::to_string(*ppid) + "/comm").text);
        }
        p.rootless = p.uid != 0 || p.parentName == "rootlesskit";
        const auto hosts = hostsOf(p.argv);
        for (const auto& h : hosts) {
            if (startsWith(h, "unix://")) {
                p.unixSockets.push_back(normalizeSocketPath(h));
            } else if (startsWith(h, "fd://")) {
                p.unixSockets.push_back("/run/docker.sock"); // systemd's docker.socket
            }
        }
        if (hosts.empty()) {
            p.unixSockets.push_back(p.rootless ? "/run/user/" + std::to_string(p.uid) + "/docker.sock"
                                               : "/run/docker.sock");
        }
        out.push_back(std::move(p));
    }
    return out;
}

std::optional<DaemonProcess> findDaemonProcess(const HostReader& view, std::string_view socketPath)
{
    const std::string wanted = normalizeSocketPath(socketPath);
    for (auto& p : listDaemonProcesses(view)) {
        if (std::find(p.unixSockets.begin(), p.unixSockets.end(), wanted) != p.unixSockets.end()) {
            return std::move(p);
        }
    }
    return std::nullopt;
}

} // namespace drydock
