// Every command's option table and the help text made from it: the table is what ArgParser accepts, and
// each option with a sentence gets its help line from the same entry, so an option cannot be parsed but
// undocumented, or documented but refused (TestCliOptions checks the options the usage texts name).
#include "app/cli/ArgParser.h"
#include "app/cli/Commands.h"
#include "core/cis/CisBenchmark.h"

namespace drydock::app {

namespace {

using K = OptionKind;

// Where Drydock finds the daemon; a fleet scan takes several (Repeatable), every other command one.
std::vector<OptionSpec> endpointOptions(OptionKind kind)
{
    return {{"--host", kind, "URI",
             "unix:///path/docker.sock, tcp://host:2376 (TLS from DOCKER_TLS_VERIFY/DOCKER_CERT_PATH),\n"
             "ssh://user@host[:port] (runs `ssh host docker system dial-stdio` like the docker CLI:\n"
             "your ssh agent and ~/.ssh/config, batch mode, never a password; extra ssh arguments\n"
             "from DRYDOCK_SSH_OPTIONS, e.g. \"-F /path/ssh_config\")",
             "endpoint"},
            {"--context", kind, "NAME", "a Docker context (see `docker context ls`)", "endpoint"}};
}

// --cis: which benchmark version's ids the output shows. The history keeps the rules' own references, so the
// choice never changes what is stored.
OptionSpec cisOption()
{
    return {"--cis", K::Value, "VERSION",
            "the CIS Docker Benchmark version of the references shown: " + cisVersionList() + "\n(default " +
                toString(kDefaultCisVersion) + ")"};
}

std::vector<OptionSpec> operator+(std::vector<OptionSpec> a, const std::vector<OptionSpec>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// The endpoint block of a help text, from the command's own --host and --context entries.
std::string endpointHelp(const CommandSpec& spec)
{
    return "Endpoint (every command, and the GUI):\n" + optionHelp(spec, 22, "endpoint") +
           R"(  Without them Drydock resolves the daemon exactly as the docker CLI does: DOCKER_HOST, DOCKER_CONTEXT,
  the current context in ~/.docker/config.json, then /var/run/docker.sock (rootless and Podman sockets too).
)";
}

const char* kExitCodes = R"(Exit codes:
  0  success (scan, check: no finding at or above --fail-on; watch: stopped by SIGINT or SIGTERM)
  1  scan, check: at least one finding at or above --fail-on; watch: an alert at or above --fail-on
  2  usage error
  3  cannot reach or talk to the Docker daemon (the reason is printed on stderr); fleet scan: at least
     one endpoint unreachable (the others are still written and stored); watch: the daemon went away
  4  cannot write an output file or open the local database
  5  drydock without a command: no display for the desktop application (set DISPLAY or QT_QPA_PLATFORM)
  6  check: a compose file or Dockerfile could not be read or parsed (the others are still checked)
)";

} // namespace

const CommandSpec& guiSpec()
{
    static const CommandSpec spec{
        "drydock",
        endpointOptions(K::Value) +
            std::vector<OptionSpec>{{"--db", K::Value, "FILE"}, {"--background", K::Flag, ""}},
        0};
    return spec;
}

std::string mainHelp()
{
    return std::string(R"(Drydock — security dashboard for Docker

Usage:
  drydock [--host URI | --context NAME] [--db FILE]   open the desktop application
  drydock --background                         start it hidden in the tray, watching (the session autostart)
  drydock inventory [options]                  print everything the daemon knows
  drydock scan [options]                       check images, containers, networks, secrets, daemon
  drydock history list|show|diff|trend|prune|waivers|actions|alerts|reset   the stored scans
  drydock report SCAN_ID --format F --output FILE            a report of a stored scan
  drydock benchmark [--cis VERSION] [--scan SCAN_ID]         every CIS Docker Benchmark recommendation, verdict each
  drydock scan --host A --host B … | --fleet    scan several endpoints in parallel (see scan --help)
  drydock endpoints list|add|remove|import-contexts          the saved endpoints for --fleet
  drydock harden CONTAINER|IMAGE [--trial] [--apply --yes]   guided hardening: plan, trial, apply, roll back
  drydock check [PATH…] [--diff | --fix]       review compose files and Dockerfiles, no daemon needed
  drydock watch [--threshold SEVERITY] [--fail-on SEVERITY]   follow the daemon's events, one line per alert
  drydock demo [--no-gui]                      a sandbox daemon full of insecure containers (root)
  drydock --version                            version, build, and the libraries in use with their licences
  drydock --help
  drydock COMMAND --help                       help for one command

Drydock only reads from the daemon; nothing is changed unless you explicitly apply a fix
(`drydock harden … --trial` or `--apply --yes`, or `drydock check --fix` for your own files).

)") + endpointHelp(guiSpec()) +
           "\n" + kExitCodes;
}

const CommandSpec& inventorySpec()
{
    static const CommandSpec spec{
        "inventory",
        std::vector<OptionSpec>{
            {"--format", K::Value, "text|json",
             "text (default): counts and one line per object; json: the full model"},
            {"--output", K::Value, "FILE", "write to FILE instead of standard output"},
            {"--packages", K::Value, "IMAGE",
             "read the image's layers and list its OS and installed packages (dpkg, apk)"},
            {"--sbom", K::Value, "IMAGE",
             "write the image's packages as a CycloneDX 1.5 JSON SBOM to --output"},
            {"--vuln-db", K::Value, "PATH",
             "match packages against an OSV database (directory or all.zip), offline"},
            {"--import-trivy", K::Repeatable, "FILE",
             "add vulnerabilities from a Trivy JSON report (repeatable)"},
            {"--import-grype", K::Repeatable, "FILE",
             "add vulnerabilities from a Grype JSON report (repeatable)"},
            {"--run-trivy", K::Flag, "", "run `trivy image` (when installed, without updating its database)"},
            {"--run-grype", K::Flag, "", "run `grype` (when installed, without updating its database)"},
        } + endpointOptions(K::Value),
        0};
    return spec;
}

std::string inventoryHelp()
{
    return std::string(
               R"(Usage: drydock inventory [--host URI | --context NAME] [--format text|json] [--output FILE]
       drydock inventory --packages IMAGE [--format text|json] [--output FILE] [vulnerability options]
       drydock inventory --sbom IMAGE --output FILE [vulnerability options]

Prints one snapshot of the daemon: containers (all states), images with history, networks, volumes,
plugins, daemon settings and Swarm objects. Secret-looking values are masked in every format.

)") + optionHelp(inventorySpec(), 22) +
           "\n" + endpointHelp(inventorySpec()) + "\n" + kExitCodes;
}

const CommandSpec& scanSpec()
{
    static const CommandSpec spec{
        "scan",
        std::vector<OptionSpec>{
            {"--format", K::Repeatable, "F",
             "text (default), json (documented, schemaVersion 2), html, pdf, sarif (2.1.0) or\n"
             "csv; repeat --format/--output pairs to write several files in one run"},
            {"--schema", K::Value, "2|1",
             "the json's schemaVersion: 2 (default) or 1 (deprecated, removed in the next\n"
             "release: every finding repeats its object's remediated command)"},
            {"--output", K::Repeatable, "FILE",
             "where the matching --format goes (default: standard output)"},
            {"--fail-on", K::Value, "SEVERITY",
             "exit 1 when a finding is at or above SEVERITY (critical|high|medium|low|info)"},
            {"--rule-severity", K::Repeatable, "ID=SEV",
             "change one rule's severity, e.g. --rule-severity IMG-007=info (repeatable)"},
            {"--only", K::Repeatable, "AREA[,AREA…]",
             "only these areas: image, container, runtime, network, secrets, daemon, swarm, host"},
            {"--verbose", K::Flag, "", "text format: evidence, CIS reference and fix under each finding"},
            {"--detail", K::Value, "summary|objects|full",
             "how much an html or pdf report shows: the one-page summary alone, also one block per\n"
             "object and the rules referenced (default), or also each finding's own remediation"},
            cisOption(),
            {"--list-rules", K::Flag, "", "print the rule catalogue as a Markdown table and exit"},
            {"--no-host-checks", K::Flag, "",
             "do not read the daemon's host (its command line, daemon.json, files, groups and\n"
             "audit rules); read when the endpoint is a local unix socket of a dockerd here, or\n"
             "ssh:// (a fixed set of read-only commands: head, stat, ls, readlink, ps, printenv)"},
            {"--host-fix-script", K::Value, "FILE",
             "write the host findings' fixes (chown, chmod, audit rules; daemon.json keys as\n"
             "comments) as a POSIX sh script to review and run as root; Drydock never runs it"},
            {"--db", K::Value, "FILE", "history database (default: $XDG_DATA_HOME/drydock/history.db)"},
            {"--no-history", K::Flag, "", "do not store this scan"},
            {"--baseline", K::Value, "last|SCAN_ID",
             "compare with an earlier scan of the same endpoint (new / resolved)"},
            {"--fail-on-new", K::Value, "SEVERITY",
             "exit 1 only when a finding at or above SEVERITY is new since --baseline"},
            {"--contents", K::Flag, "",
             "also read every image's layers (slow): setuid files, shells and tools, keys and\n"
             "credentials, .git, world-writable paths, packages (rules IMG-101 … IMG-114)"},
            {"--image", K::Repeatable, "NAME", "with --contents: analyse only this image (repeatable)"},
            {"--vuln-db", K::Value, "PATH",
             "with --contents: match packages against an OSV database (directory or all.zip)"},
            {"--import-trivy", K::Repeatable, "FILE",
             "with --contents: add vulnerabilities from a Trivy JSON report (repeatable)"},
            {"--import-grype", K::Repeatable, "FILE",
             "with --contents: add vulnerabilities from a Grype JSON report (repeatable)"},
            {"--run-trivy", K::Flag, "",
             "with --contents: run the installed trivy on each image (no database update)"},
            {"--run-grype", K::Flag, "",
             "with --contents: run the installed grype on each image (no database update)"},
            {"--fleet", K::Flag, "", "scan every saved endpoint", "fleet"},
            {"--endpoints-file", K::Value, "FILE",
             "another saved endpoint list (default: $XDG_CONFIG_HOME/drydock/endpoints.json)", "fleet"},
        } + endpointOptions(K::Repeatable),
        0};
    return spec;
}

std::string scanHelp()
{
    return std::string(
               R"(Usage: drydock scan [--host URI | --context NAME] [--format F --output FILE]… [options]

Runs every check over one snapshot of the daemon and prints the findings with evidence, CIS Docker
Benchmark references, fixes and a remediated `docker run` command.

)") + optionHelp(scanSpec(), 28) +
           R"(
Every scan is stored in the history unless --no-history is given. Active waivers from the history
database mark findings as waived: they are still listed, but no longer count for --fail-on.

Fleet scan: give --host or --context more than once, or --fleet for the saved endpoints (drydock
endpoints), and every endpoint is scanned in parallel with progress per endpoint on stderr. Each reachable
endpoint's scan is stored under its own address; the output (text, json, html or pdf) shows posture per
endpoint side by side, what changed since each one's last scan, and the worst findings of the fleet.
An endpoint that cannot be reached is marked unreachable and the others complete; the exit code is then 3.
)" + optionHelp(scanSpec(), 28, "fleet") +
           "\n" + endpointHelp(scanSpec()) + "\n" + kExitCodes;
}

const CommandSpec& reportSpec()
{
    static const CommandSpec spec{
        "report",
        {{"--format", K::Repeatable, "F",
          "html (self-contained), pdf (paginated, fonts embedded), json (schemaVersion 2), sarif\n"
          "(2.1.0), csv, text"},
         {"--output", K::Repeatable, "FILE"},
         {"--db", K::Value, "FILE"},
         {"--baseline", K::Value, "B",
          "include what changed since scan B (\"previous\": the scan before it on the same endpoint)"},
         {"--no-waived", K::Flag, "", "leave waived findings out"},
         {"--no-remediation", K::Flag, "", "leave remediated commands, compose and Dockerfile snippets out"},
         {"--schema", K::Value, "2|1",
          "the json's schemaVersion: 2 (default) or 1 (deprecated, removed in the next release)"},
         {"--verbose", K::Flag, "", "text format: evidence, CIS reference and fix under each finding"},
         {"--detail", K::Value, "summary|objects|full",
          "how much an html or pdf report shows: the one-page summary alone, also one block per\n"
          "object and the rules referenced (default), or also each finding's own remediation"},
         cisOption(),
         {"--fleet", K::Flag, "",
          "the fleet view instead: the latest scan of every endpoint scanned within --since\n"
          "(default 90d) side by side, and the worst open findings across them (text, json, html, pdf)"},
         {"--since", K::Value, "90d"}},
        1};
    return spec;
}

std::string reportHelp()
{
    return std::string(
               R"(Usage: drydock report SCAN_ID [--db FILE] --format F --output FILE [--format F --output FILE]…
                      [--baseline previous|SCAN_ID] [--no-waived] [--no-remediation] [--schema 2|1]
                      [--detail summary|objects|full] [--cis VERSION]
       drydock report --fleet [--since 90d] [--db FILE] --format F --output FILE …

Writes a report of a stored scan (see drydock history list) without asking the daemon anything.
)") + optionHelp(reportSpec(), 21) +
           "\n" + kExitCodes;
}

const CommandSpec& historySpec()
{
    // Each subcommand's line in the help names the options it takes.
    static const CommandSpec spec{"history",
                                  {{"--db", K::Value, "FILE"},
                                   {"--format", K::Value, "text|json"},
                                   {"--endpoint", K::Value, "URI"},
                                   {"--limit", K::Value, "N"},
                                   {"--since", K::Value, "90d"},
                                   {"--fleet", K::Flag},
                                   {"--object", K::Value, "NAME"},
                                   {"--older-than", K::Value, "90d"},
                                   {"--rule", K::Value, "ID"},
                                   {"--pattern", K::Value, "GLOB"},
                                   {"--reason", K::Value, "TEXT"},
                                   {"--expires", K::Value, "2027-01-31|30d"},
                                   {"--author", K::Value, "NAME"},
                                   {"--cis", K::Value, "VERSION"}},
                                  3};
    return spec;
}

std::string historyHelp()
{
    return std::string(R"(Usage: drydock history COMMAND [--db FILE] [--format text|json]

  list [--endpoint URI] [--limit N]      stored scans, newest first
  show SCAN_ID [--cis VERSION]           one scan with its findings
  diff BASELINE_ID LATER_ID [--cis VERSION]
                                         new, resolved and unchanged findings between two scans
                                         (--cis: the CIS Docker Benchmark version of the json's references,
                                         1.6.0, 1.7.0 or 1.8.0, the default; the history keeps the rules' own)
  trend [--since 90d] [--endpoint URI] [--object NAME]
                                         open findings per day and severity (or for one object)
  trend --fleet [--since 90d]            open findings per day summed over every endpoint (each with its
                                         latest scan up to that day)
  prune --older-than 90d                 delete scans older than the duration (all are kept by default)
  waivers list                           accepted risks
  waivers add --rule ID [--object NAME | --pattern GLOB] --reason TEXT [--expires 2027-01-31|30d]
              [--author NAME] [--endpoint URI]
                                         accept a finding on one object, on matching objects, or everywhere
  waivers remove WAIVER_ID
  waivers export FILE | import FILE      share waivers as a small JSON file next to your compose files
  actions [--object NAME]                what `drydock harden` trials and applies did, step by step
  alerts [--since 7d] [--endpoint URI]   what `drydock watch` and the desktop's background watch raised,
                                         oldest first (--since: a duration, a date or an RFC 3339 time)
  reset                                  after a damaged-database message: move the file aside, start afresh

)") + kExitCodes;
}

const CommandSpec& watchSpec()
{
    static const CommandSpec spec{
        "watch",
        std::vector<OptionSpec>{
            {"--threshold", K::Value, "SEVERITY",
             "alert on new findings at or above SEVERITY:\ncritical, high (default), medium, low, info"},
            {"--fail-on", K::Value, "SEVERITY",
             "exit 1 on the first alert at or above SEVERITY\n(alerts below it are printed and stored too)"},
            {"--db", K::Value, "FILE", "the history database the alerts go to (default: your data directory)"},
        } + endpointOptions(K::Value),
        0};
    return spec;
}

std::string watchHelp()
{
    return "Usage: drydock watch [--threshold SEVERITY] [--fail-on SEVERITY] [--db FILE] [--host URI | --context NAME]\n"
           "\n"
           "Reads the daemon once (the baseline: what is there already is not news), then follows its events.\n"
           "Each container, image, network or volume an event touches is checked again; a NEW finding at or\n"
           "above the threshold prints one line (time, severity, a sentence naming the object and its risks)\n"
           "and is stored in the history (drydock history alerts). The same risks on the same object again (a\n"
           "restart, the same container recreated) stay quiet for a day; waived findings never alert. Only\n"
           "reads from the daemon. Stops on SIGINT or SIGTERM (exit 0).\n"
           "\n" +
           optionHelp(watchSpec(), 24) + "\n" + endpointHelp(watchSpec()) + "\n" + kExitCodes;
}

const CommandSpec& hardenSpec()
{
    static const CommandSpec spec{
        "harden",
        std::vector<OptionSpec>{
            {"--only", K::Repeatable, "AREA,…", "plan only these areas"},
            {"--choose", K::Repeatable, "ID=CHOICE",
             "override a change's default (ids are shown in brackets); ID \"all\" sets every change;\n"
             "waive:REASON stores a waiver for the findings of that change"},
            {"--format", K::Value, "F",
             "text (default), json (schemaVersion 1), script (a POSIX shell script that applies the\n"
             "plan with the docker CLI and rolls back), markdown"},
            {"--output", K::Value, "FILE",
             "write the plan to FILE (with --trial/--apply the plan is printed only when asked)"},
            {"--trial", K::Flag, "",
             "create the hardened container under a temporary name (no published ports, volumes\n"
             "read-only), start it, watch it, show state, exit code, health and log tail, remove it;\n"
             "nothing existing is touched"},
            {"--probe", K::Flag, "",
             "find by trial what the container tolerates before the plan is shown: a trial of the\n"
             "unchanged container, then one per change (each added capability dropped; every capability\n"
             "dropped but those whose absence changes behaviour, found by bisection; the non-root user;\n"
             "a read-only root with tmpfs where it writes; no privileged mode; no host namespaces;\n"
             "no-new-privileges; …), 4 at a time, and one of every tolerated change together. Changes\n"
             "that behave like the unchanged container become apply (verified by trial), the others\n"
             "skip, each with the evidence; --choose still overrides. Progress goes to stderr; every\n"
             "trial container is removed (also on Ctrl-C), and leftovers of a killed run first"},
            {"--apply", K::Flag, "--yes",
             "stop the container, check it still exists, set its restart policy to \"no\", keep it\n"
             "as NAME-drydock-backup-TIMESTAMP, create and start the hardened one as NAME with the\n"
             "same volumes and networks; if it does not start, exits, restarts or turns unhealthy\n"
             "within the watch window, roll back automatically (the original gets its name and\n"
             "restart policy back and runs again); then rescan. Volumes and the original are never\n"
             "removed. A container with AutoRemove (docker run's rm option) is refused:\n"
             "stopping it would make the daemon delete it and its anonymous volumes. When it runs and\n"
             "only limits are chosen (memory, swap, CPUs, PIDs, restart; sized from its observed use),\n"
             "they are changed in place instead: no stop, no recreate, previous values in the history"},
            {"--yes", K::Flag}, // confirms --apply; named in its line
            {"--watch", K::Value, "SECONDS", "watch window for --probe, --trial and --apply (default 5)"},
            {"--remove-backup", K::Flag, "",
             "remove the backups the apply kept for CONTAINER (never their volumes); refused while\n"
             "a backup holds data its container wrote in its own layer in a directory that is a\n"
             "tmpfs in the hardened CONTAINER (the plan lists these paths per directory)"},
            {"--force", K::Flag, "", "with --remove-backup: remove such a backup all the same"},
            {"--undo-limits", K::Flag, "",
             "put back the limits the last live update of CONTAINER replaced (from the history)"},
            {"--no-history", K::Flag, "", "do not record the actions and the rescan in the history database"},
            {"--db", K::Value, "FILE"},
        } + endpointOptions(K::Value),
        1};
    return spec;
}

std::string hardenHelp()
{
    return R"(Usage: drydock harden CONTAINER|IMAGE [--only AREA,…] [--choose ID=apply|skip|waive:REASON]…
                      [--format text|json|script|markdown] [--output FILE]
                      [--probe] [--trial] [--apply --yes] [--watch SECONDS] [--remove-backup [--force]]
                      [--undo-limits] [--db FILE] [--no-history]

The guided hardening walkthrough, headless. Plans the changes that remove a container's (or an image's)
findings, area by area (image, container, runtime, network, secrets), each with the reason, what it could
break, and a default that keeps behaviour: paths the container writes to stay writable (tmpfs), a non-root
user comes from the image's /etc/passwd, needed capabilities are kept, and changes that are often deliberate
default to skip. With --probe, trials decide those defaults instead. Without --probe, --trial or --apply
nothing is changed (a probe only creates and removes trial containers of its own).

CONTAINER is found as the docker CLI finds it: its full id, its exact name, or the start of its id when
only one container's id starts so (an ambiguous start is refused). --apply takes only the exact name or
the full id.

)" + optionHelp(hardenSpec(), 24) +
           R"(
SIGINT (Ctrl-C), SIGTERM or SIGHUP during --probe, --trial or --apply stops it and undoes what was changed:
every trial container is removed; the original runs again under its name. A second signal quits at once and
prints what is left on the daemon and the docker commands that restore it (trial containers a probe leaves
that way are removed by the next --probe of the container).

Every step of a probe, trial or apply is recorded in the history (`drydock history actions`), with each
change's verdict and interruptions too.

)" + endpointHelp(hardenSpec()) +
           R"(
Exit codes:
  0  success (the plan was printed; the trial passed; the apply succeeded)
  1  the hardened container did not stay up: the trial failed, or the apply rolled back to the original;
     with --probe: the unchanged container did not stay up in its own trial, so nothing could be verified
  2  usage error; no such container or image, or an ambiguous id start; an apply refused (AutoRemove
     container, id start instead of the name); a backup removal refused (data exists only in the backup)
  3  cannot reach or talk to the Docker daemon, or a change on the daemon failed (if a rollback failed, the
     message says what is left and how to restore it)
  4  cannot write an output file or open the local database
  129, 130, 143  interrupted by SIGHUP, SIGINT or SIGTERM: what had been changed was undone (a probe's
     trial containers removed)
)";
}

const CommandSpec& demoSpec()
{
    static const CommandSpec spec{
        "demo",
        {{"--no-gui", K::Flag, "",
          "set up, run one scan, print its summary, tear down (the scan's exit code)"}},
        0};
    return spec;
}

std::string demoHelp()
{
    return R"(Usage: drydock demo [--no-gui]

Starts a private sandbox Docker daemon (needs root), as isolated as Drydock's own tests: its own socket,
data root and exec root under a temporary directory, no bridge, no iptables changes, nothing pulled from a
registry. It imports a busybox-static image and creates a realistic set of insecure containers (root users,
added capabilities, a privileged one, secrets in the environment, host and Docker-socket mounts, ports on
127.0.0.1, no limits, a writable root file system) and one hardened example, then opens Drydock on it.
Closing Drydock (or Ctrl+C) stops the daemon and removes the directory.

)" + optionHelp(demoSpec(), 13) +
           R"(
Needs Debian's docker.io and busybox-static packages.
Exit codes: 0 success, 2 usage error, 3 the sandbox daemon could not be started or was interrupted.
)";
}

const CommandSpec& endpointsSpec()
{
    // `add`'s lines name the address options: they say what to save, not where to connect.
    static const CommandSpec spec{"endpoints",
                                  {{"--host", K::Value, "URI"},
                                   {"--context", K::Value, "CONTEXT"},
                                   {"--tlscacert", K::Value, "CA"},
                                   {"--tlscert", K::Value, "CERT"},
                                   {"--tlskey", K::Value, "KEY"},
                                   {"--tls-no-verify", K::Flag},
                                   {"--endpoints-file", K::Value, "FILE",
                                    "another list (default: $XDG_CONFIG_HOME/drydock/endpoints.json)"}},
                                  2};
    return spec;
}

std::string endpointsHelp()
{
    return R"(Usage: drydock endpoints list|add|remove|import-contexts [--endpoints-file FILE]

The saved endpoints that `drydock scan --fleet` scans in parallel.

  list                                   saved endpoints with the address each resolves to
  add NAME --host URI [--tlscacert CA --tlscert CERT --tlskey KEY] [--tls-no-verify]
  add NAME --context CONTEXT             save an address, or a reference to a Docker context
                                         --tls-no-verify: TLS without checking the daemon's certificate
                                         (never plain HTTP); `list` shows "TLS, NOT verified"
  remove NAME
  import-contexts                        save every Docker context (`docker context ls`) under its name
)" + optionHelp(endpointsSpec(), 41) +
           R"(
Only addresses and file paths are saved (mode 0600), never keys, passwords or tokens: TLS keys stay in
the files you name, ssh:// logins use your ssh agent and ~/.ssh/config.
)";
}

const CommandSpec& checkSpec()
{
    static const CommandSpec spec{
        "check",
        std::vector<OptionSpec>{
            {"--file", K::Repeatable, "FILE",
             "a compose file of one project, in the order `docker compose -f` takes them\n"
             "(repeatable; instead of looking for them)"},
            {"-f", K::Repeatable, "FILE", "the same as --file"},
            {"--exclude", K::Repeatable, "GLOB",
             "skip what matches, written as in .gitignore: 'vendor/', '**/testdata/**' (repeatable)"},
            {"--no-gitignore", K::Flag, "", "also look where .gitignore and .git/info/exclude say not to"},
            {"--format", K::Repeatable, "F",
             "text (default), json (scan schema 2 with locations), sarif (2.1.0, with the file\n"
             "and line of each finding for code-scanning viewers), csv, html or pdf"},
            {"--output", K::Repeatable, "FILE", "where the matching --format goes (default: standard output)"},
            {"--fail-on", K::Value, "SEVERITY",
             "exit 1 when a finding is at or above SEVERITY (critical|high|medium|low|info)"},
            {"--diff", K::Flag, "",
             "print each fix as a unified diff on standard output (apply it with `patch -p1`);\n"
             "the findings go to standard error"},
            {"--fix", K::Flag, "",
             "write each fix into its file, keeping a backup beside it (FILE.drydock-backup);\n"
             "a file that changed since it was read is left alone"},
            {"--verbose", K::Flag, "", "text format: evidence, CIS reference and fix under each finding"},
            {"--detail", K::Value, "summary|objects|full", "how much an html or pdf report shows"},
            cisOption(),
        },
        1000};
    return spec;
}

std::string checkHelp()
{
    return std::string(R"(Usage: drydock check [PATH…] [-f FILE]… [--diff | --fix] [--format F --output FILE]… [options]

Reviews the compose files and Dockerfiles under each PATH (default: the current folder) without a
daemon: compose.yaml, compose.yml, docker-compose.yml, docker-compose.*.yml and Dockerfile,
Dockerfile.*, *.Dockerfile. A compose project is read as `docker compose` reads it: the base file with
its override file, `extends`, and `${VARIABLES}` from .env and the environment. Every finding names the
file, line and column; --diff shows the fix and --fix writes it. Secret values found in the files are
never printed: findings say where they are, masked.

)") + optionHelp(checkSpec(), 22) + "\n" + kExitCodes;
}

const CommandSpec& benchmarkSpec()
{
    static const CommandSpec spec{
        "benchmark",
        std::vector<OptionSpec>{
            cisOption(),
            {"--format", K::Value, "text|json",
             "text (default): the counts, then one line per recommendation by section; json: the\n"
             "scan JSON's \"benchmark\" object"},
            {"--output", K::Value, "FILE", "write to FILE instead of standard output"},
            {"--db", K::Value, "FILE", "history database (default: $XDG_DATA_HOME/drydock/history.db)"},
            {"--scan", K::Value, "SCAN_ID",
             "the verdicts of a stored scan (see drydock history list) instead of a new scan; the\n"
             "daemon is not asked anything"},
        } + endpointOptions(K::Value),
        0};
    return spec;
}

std::string benchmarkHelp()
{
    return std::string(
               R"(Usage: drydock benchmark [--cis VERSION] [--host URI | --context NAME] [--format text|json] [--output FILE]
       drydock benchmark --scan SCAN_ID [--db FILE] [--cis VERSION] [--format text|json] [--output FILE]

Lists every recommendation of the CIS Docker Benchmark with Drydock's verdict: pass (every rule that checks
it ran and found nothing), fail (with the findings behind it, waived ones too), not applicable (and why:
no swarm, no containers, …) or not checked (manual, or the access it needs, such as the daemon's host).
It scans the daemon read-only, as `drydock scan` does, without storing the scan; with --scan it reads a
stored scan instead (its counts stand in for the inventory the history does not keep).

)") + optionHelp(benchmarkSpec(), 22) +
           "\n" + endpointHelp(benchmarkSpec()) +
           R"(
Exit codes:
  0  the list was written (whatever the verdicts)
  2  usage error, or no such stored scan
  3  cannot reach or talk to the Docker daemon
  4  cannot write the output file or open the local database
)";
}

} // namespace drydock::app
