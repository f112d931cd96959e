#include "app/cli/DemoSandbox.h"

#include "core/docker/DockerClient.h"
#include "core/docker/TransportFactory.h"

#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace drydock::app {

namespace fs = std::filesystem;

namespace {

constexpr const char* kImage = "drydock-demo/busybox:1";

std::string findProgram(const char* name)
{
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "";
    dirs += ":/usr/sbin:/usr/bin:/sbin:/bin";
    std::stringstream in(dirs);
    std::string dir;
    while (std::getline(in, dir, ':')) {
        if (dir.empty()) {
            continue;
        }
        const std::string candidate = dir + "/" + name;
        if (::access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
    }
    return {};
}

// True when the ELF file has no program interpreter, i.e. runs without a dynamic loader inside a bare image.
bool isStaticElf(const std::string& path)
{
    std::ifstream f(path, std::ios::binary);
    Elf64_Ehdr header{};
    if (!f.read(reinterpret_cast<char*>(&header), sizeof header) || std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 ||
        header.e_ident[EI_CLASS] != ELFCLASS64) {
        return false;
    }
    for (int i = 0; i < header.e_phnum; ++i) {
        Elf64_Phdr ph{};
        f.seekg(static_cast<std::streamoff>(header.e_phoff + static_cast<std::uint64_t>(i) * header.e_phentsize));
        if (!f.read(reinterpret_cast<char*>(&ph), sizeof ph)) {
            return false;
        }
        if (ph.p_type == PT_INTERP) {
            return false;
        }
    }
    return true;
}

// fork + exec with stdout/stderr appended to logPath; returns the child's pid.
pid_t spawn(const std::vector<std::string>& argv, const std::string& logPath, bool ownSession)
{
    std::vector<char*> args;
    for (const auto& a : argv) {
        args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        if (ownSession) {
            ::setsid(); // Ctrl+C in the terminal reaches Drydock, which stops the daemon in order
        }
        const int log = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (log >= 0) {
            ::dup2(log, 1);
            ::dup2(log, 2);
        }
        if (null >= 0) {
            ::dup2(null, 0);
        }
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    return pid;
}

int waitExit(pid_t pid)
{
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

// Processes whose command line mentions dir (the containerd and shims dockerd started under its exec root).
std::vector<pid_t> processesUnder(const std::string& dir)
{
    std::vector<pid_t> out;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/proc", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) {
            continue;
        }
        std::ifstream cmd(entry.path() / "cmdline", std::ios::binary);
        std::string line((std::istreambuf_iterator<char>(cmd)), std::istreambuf_iterator<char>());
        std::replace(line.begin(), line.end(), '\0', ' ');
        const pid_t pid = static_cast<pid_t>(std::stol(name));
        if (pid != ::getpid() && line.find(dir + "/") != std::string::npos) {
            out.push_back(pid);
        }
    }
    return out;
}

std::string tail(const std::string& path, std::size_t lines)
{
    std::ifstream in(path);
    std::vector<std::string> all;
    for (std::string l; std::getline(in, l);) {
        all.push_back(l);
    }
    std::string out;
    for (std::size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i) {
        out += "  " + all[i] + "\n";
    }
    return out;
}

} // namespace

std::string DemoSandbox::missingRequirement()
{
    if (::geteuid() != 0) {
        return "drydock demo starts its own sandbox Docker daemon, and dockerd needs root: run `sudo drydock "
               "demo` (nothing outside a temporary directory is touched, and it is removed afterwards).";
    }
    if (findProgram("dockerd").empty() || findProgram("docker").empty()) {
        return "drydock demo needs dockerd and the docker CLI: install Debian's docker.io package "
               "(sudo apt-get install docker.io).";
    }
    if (!isStaticElf("/bin/busybox")) {
        return "drydock demo builds its image from a statically linked busybox: install Debian's busybox-static "
               "package (sudo apt-get install busybox-static).";
    }
    if (findProgram("tar").empty()) {
        return "drydock demo needs tar to import its image: install Debian's tar package.";
    }
    return {};
}

Result<void> DemoSandbox::start(bool (*interrupted)())
{
    // Short path under /tmp: dockerd's and containerd's unix socket paths must stay under 108 bytes.
    char dir[] = "/tmp/drydock-demo-XXXXXX";
    if (!::mkdtemp(dir)) {
        return Error::make(ErrorCode::Io, std::string("Could not create a temporary directory under /tmp: ") +
                                              std::strerror(errno) + ".");
    }
    m_dir = dir;
    const std::vector<std::string> argv = {findProgram("dockerd"),
                                           "--host",
                                           hostUri(),
                                           "--data-root",
                                           m_dir + "/data",
                                           "--exec-root",
                                           m_dir + "/exec",
                                           "--pidfile",
                                           m_dir + "/docker.pid",
                                           "--bridge",
                                           "none",
                                           "--iptables=false",
                                           "--ip6tables=false",
                                           "--ip-masq=false",
                                           "--userland-proxy=false",
                                           "--shutdown-timeout",
                                           "2"}; // the demo containers sleep as PID 1 and ignore SIGTERM
    m_daemon = spawn(argv, m_dir + "/dockerd.log", true);
    if (m_daemon < 0) {
        return Error::make(ErrorCode::DaemonUnreachable, "Could not start dockerd: " + std::string(std::strerror(errno)));
    }
    if (auto up = waitForDaemon(interrupted); !up) {
        return up;
    }
    if (interrupted()) {
        return Error::make(ErrorCode::Cancelled, "Interrupted; the sandbox is being removed.");
    }
    if (auto image = importImage(); !image) {
        return image;
    }
    if (interrupted()) {
        return Error::make(ErrorCode::Cancelled, "Interrupted; the sandbox is being removed.");
    }
    return createContainers();
}

Result<void> DemoSandbox::waitForDaemon(bool (*interrupted)())
{
    DockerEndpoint endpoint;
    endpoint.kind = DockerEndpoint::Kind::Unix;
    endpoint.socketPath = socketPath();
    for (int i = 0; i < 300 && !interrupted(); ++i) {
        int status = 0;
        if (::waitpid(m_daemon, &status, WNOHANG) == m_daemon) {
            m_daemon = -1;
            return Error::make(ErrorCode::DaemonUnreachable,
                               "The sandbox dockerd exited while starting; its log ends with:\n" +
                                   tail(m_dir + "/dockerd.log", 15));
        }
        if (fs::exists(socketPath())) {
            if (auto transport = makeTransport(endpoint)) {
                DockerClient client(std::move(transport.value()), endpoint);
                if (client.negotiate()) {
                    return success();
                }
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (interrupted()) {
        return Error::make(ErrorCode::Cancelled, "Interrupted; the sandbox is being removed.");
    }
    return Error::make(ErrorCode::Timeout, "The sandbox dockerd did not answer within 30 s; its log ends with:\n" +
                                               tail(m_dir + "/dockerd.log", 15));
}

Result<void> DemoSandbox::docker(const std::vector<std::string>& args, const std::string& what)
{
    std::vector<std::string> argv = {findProgram("docker"), "--host", hostUri()};
    argv.insert(argv.end(), args.begin(), args.end());
    const pid_t pid = spawn(argv, m_dir + "/setup.log", false);
    if (pid < 0 || waitExit(pid) != 0) {
        return Error::make(ErrorCode::DaemonUnreachable,
                           "Could not " + what + " in the sandbox; the log ends with:\n" + tail(m_dir + "/setup.log", 8));
    }
    return success();
}

Result<void> DemoSandbox::importImage()
{
    // A busybox-static root file system with a root and an unprivileged user, imported without a registry.
    const fs::path rootfs = fs::path(m_dir) / "rootfs";
    std::error_code ec;
    for (const char* d : {"bin", "tmp", "etc", "root", "home/app", "var/cache", "run/secrets"}) {
        fs::create_directories(rootfs / d, ec);
    }
    fs::copy_file("/bin/busybox", rootfs / "bin/busybox", fs::copy_options::overwrite_existing, ec);
    if (ec) {
        return Error::make(ErrorCode::Io, "Could not copy /bin/busybox into the sandbox: " + ec.message() + ".");
    }
    fs::permissions(rootfs / "tmp", fs::perms::all | fs::perms::sticky_bit, ec);
    for (const char* applet : {"sh", "sleep", "ls", "cat", "echo", "ps", "id", "env", "test", "true", "wget", "nc",
                               "httpd", "top", "mkdir", "rm", "cp", "mv", "chmod", "grep", "sed", "vi"}) {
        fs::create_symlink("busybox", rootfs / "bin" / applet, ec);
    }
    std::ofstream(rootfs / "etc/passwd") << "root:x:0:0:root:/root:/bin/sh\n"
                                            "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"
                                            "app:x:10001:10001:app:/home/app:/bin/sh\n";
    std::ofstream(rootfs / "etc/group") << "root:x:0:\nnogroup:x:65534:\napp:x:10001:\n";
    const std::string tarball = m_dir + "/rootfs.tar";
    const pid_t tar = spawn({findProgram("tar"), "-C", rootfs.string(), "-cf", tarball, "."}, m_dir + "/setup.log", false);
    if (tar < 0 || waitExit(tar) != 0) {
        return Error::make(ErrorCode::Io, "Could not pack the demo image; see " + m_dir + "/setup.log.");
    }
    return docker({"import", "--change", "CMD [\"sh\"]", "--change", "ENV PATH=/bin", "--message",
                   "Drydock demo image (busybox-static)", tarball, kImage},
                  "import the demo image");
}

Result<void> DemoSandbox::createContainers()
{
    const std::string sock = socketPath();
    // Realistic mistakes, each one a handful of findings; published ports bind to 127.0.0.1 only, and
    // with --iptables=false and no userland proxy nothing is actually reachable.
    const std::vector<std::pair<std::string, std::vector<std::string>>> containers = {
        {"web (root, secret in env, no limits)",
         {"create", "--name", "web", "-p", "127.0.0.1:8080:80", "-e", "DB_PASSWORD=Tr0ub4dor&3-prod",
          "-e", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", kImage, "sleep", "86400"}},
        {"legacy-admin (privileged, host /etc)",
         {"create", "--name", "legacy-admin", "--privileged", "-v", "/etc:/host/etc", "--restart", "always",
          kImage, "sleep", "86400"}},
        {"ci-runner (Docker socket, token)",
         {"create", "--name", "ci-runner", "-v", sock + ":/var/run/docker.sock", "-e",
          "GITHUB_TOKEN=ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ", "--user", "root", kImage, "sleep", "86400"}},
        {"metrics (capabilities, host PID)",
         {"create", "--name", "metrics", "--cap-add", "SYS_ADMIN", "--cap-add", "NET_ADMIN", "--pid", "host",
          "-p", "127.0.0.1:9100:9100", kImage, "sleep", "86400"}},
        {"debug-shell (seccomp off, created only)",
         {"create", "--name", "debug-shell", "--security-opt", "seccomp=unconfined", "--security-opt",
          "apparmor=unconfined", "-p", "127.0.0.1:2222:22", kImage, "sleep", "86400"}},
        {"hardened (the example to follow)",
         {"create", "--name", "hardened", "--user", "10001:10001", "--read-only", "--tmpfs", "/tmp:size=16m",
          "--cap-drop", "ALL", "--security-opt", "no-new-privileges:true", "--memory", "64m", "--memory-swap",
          "64m", "--cpus", "0.5", "--pids-limit", "64", "--network", "none", "--restart", "on-failure:3",
          "--health-cmd", "test -d /tmp", "--health-interval", "30s", "--ulimit", "nofile=1024:1024",
          "--log-opt", "max-size=10m", kImage, "sleep", "86400"}},
    };
    for (const auto& [what, args] : containers) {
        if (auto r = docker(args, "create container " + what); !r) {
            return r;
        }
    }
    // Started where the host allows it; a container that cannot start here (a kernel or a sandbox that
    // refuses privileged capabilities, say) is still created, and its configuration is what Drydock judges.
    for (const char* name : {"web", "legacy-admin", "ci-runner", "metrics", "hardened"}) {
        (void)docker({"start", name}, std::string("start ") + name);
    }
    return success();
}

void DemoSandbox::stop()
{
    if (m_dir.empty()) {
        return;
    }
    if (m_daemon > 0) {
        ::kill(m_daemon, SIGTERM); // dockerd stops its containers and containerd itself
        bool gone = false;
        for (int i = 0; i < 200 && !gone; ++i) {
            gone = ::waitpid(m_daemon, nullptr, WNOHANG) == m_daemon;
            if (!gone) {
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        }
        if (!gone) {
            ::kill(m_daemon, SIGKILL);
            ::waitpid(m_daemon, nullptr, 0);
        }
        m_daemon = -1;
    }
    // Anything that survived under our exec root (shims, containerd), then mounts deepest first.
    for (pid_t pid : processesUnder(m_dir)) {
        ::kill(pid, SIGKILL);
    }
    std::vector<std::string> mounts;
    std::ifstream in("/proc/mounts");
    for (std::string device, point, rest; in >> device >> point && std::getline(in, rest);) {
        if (point.rfind(m_dir + "/", 0) == 0 || point == m_dir) {
            mounts.push_back(point);
        }
    }
    std::sort(mounts.rbegin(), mounts.rend());
    for (const auto& m : mounts) {
        ::umount2(m.c_str(), MNT_DETACH);
    }
    std::error_code ec;
    fs::remove_all(m_dir, ec);
    m_dir.clear();
}

} // namespace drydock::app
