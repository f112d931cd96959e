#include "app/cli/Commands.h"

namespace drydock::app {

namespace {
const char* kEndpointHelp = R"(Endpoint (every command, and the GUI):
  --host URI          unix:///path/docker.sock, tcp://host:2376 (TLS from DOCKER_TLS_VERIFY/DOCKER_CERT_PATH),
                      ssh://user@host[:port] (runs `ssh host docker system dial-stdio` like the docker CLI:
                      your ssh agent and ~/.ssh/config, batch mode, never a password; extra ssh arguments
                      from DRYDOCK_SSH_OPTIONS, e.g. "-F /path/ssh_config")
  --context NAME      a Docker context (see `docker context ls`)
  Without them Drydock resolves the daemon exactly as the docker CLI does: DOCKER_HOST, DOCKER_CONTEXT,
  the current context in ~/.docker/config.json, then /var/run/docker.sock (rootless and Podman sockets too).
)";
const char* kExitCodes = R"(Exit codes:
  0  success (scan: no finding at or above --fail-on)
  1  scan: at least one finding at or above --fail-on
  2  usage error
  3  cannot reach or talk to the Docker daemon (the reason is printed on stderr); fleet scan: at least
     one endpoint unreachable (the others are still written and stored)
  4  cannot write an output file or open the local database
  5  drydock without a command: no display for the desktop application (set DISPLAY or QT_QPA_PLATFORM)
)";
} // namespace

std::string mainHelp()
{
    return std::string(R"(Drydock — security dashboard for Docker

Usage:
  drydock [--host URI | --context NAME]        open the desktop application
  drydock inventory [options]                  print everything the daemon knows
  drydock scan [options]                       check images, containers, networks, secrets, daemon
  drydock history list|show|diff|trend|prune|waivers|actions|reset   the stored scans
  drydock report SCAN_ID --format F --output FILE            a report of a stored scan
  drydock scan --host A --host B … | --fleet    scan several endpoints in parallel (see scan --help)
  drydock endpoints list|add|remove|import-contexts          the saved endpoints for --fleet
  drydock harden CONTAINER|IMAGE [--trial] [--apply --yes]   guided hardening: plan, trial, apply, roll back
  drydock demo [--no-gui]                      a sandbox daemon full of insecure containers (root)
  drydock --version                            version, build, and the libraries in use with their licences
  drydock --help
  drydock COMMAND --help                       help for one command

Drydock only reads from the daemon; nothing is changed unless you explicitly apply a fix
(`drydock harden … --trial` or `--apply --yes`).

)") + kEndpointHelp + "\n" + kExitCodes;
}

std::string inventoryHelp()
{
    return std::string(R"(Usage: drydock inventory [--host URI | --context NAME] [--format text|json] [--output FILE]
       drydock inventory --packages IMAGE [--format text|json] [--output FILE] [vulnerability options]
       drydock inventory --sbom IMAGE --output FILE [vulnerability options]

Prints one snapshot of the daemon: containers (all states), images with history, networks, volumes,
plugins, daemon settings and Swarm objects. Secret-looking values are masked in every format.

  --format text|json  text (default): counts and one line per object; json: the full model
  --output FILE       write to FILE instead of standard output
  --packages IMAGE    read the image's layers and list its OS and installed packages (dpkg, apk)
  --sbom IMAGE        write the image's packages as a CycloneDX 1.5 JSON SBOM to --output
  --vuln-db PATH      match packages against an OSV database (directory or all.zip), offline
  --import-trivy FILE add vulnerabilities from a Trivy JSON report (repeatable)
  --import-grype FILE add vulnerabilities from a Grype JSON report (repeatable)
  --run-trivy         run `trivy image` (when installed, without updating its database)
  --run-grype         run `grype` (when installed, without updating its database)

)") + kEndpointHelp + "\n" + kExitCodes;
}

std::string scanHelp()
{
    return std::string(R"(Usage: drydock scan [--host URI | --context NAME] [--format F --output FILE]… [options]

Runs every check over one snapshot of the daemon and prints the findings with evidence, CIS Docker
Benchmark references, fixes and a remediated `docker run` command.

  --format F                text (default), json (documented, schemaVersion 1), html, pdf, sarif (2.1.0) or
                            csv; repeat --format/--output pairs to write several files in one run
  --output FILE             where the matching --format goes (default: standard output)
  --fail-on SEVERITY        exit 1 when a finding is at or above SEVERITY (critical|high|medium|low|info)
  --rule-severity ID=SEV    change one rule's severity, e.g. --rule-severity IMG-007=info (repeatable)
  --only AREA[,AREA…]       only these areas: image, container, runtime, network, secrets, daemon, swarm
  --verbose                 text format: evidence, CIS reference and fix under each finding
  --list-rules              print the rule catalogue as a Markdown table and exit
  --db FILE                 history database (default: $XDG_DATA_HOME/drydock/history.db)
  --no-history              do not store this scan
  --baseline last|SCAN_ID   compare with an earlier scan of the same endpoint (new / resolved)
  --fail-on-new SEVERITY    exit 1 only when a finding at or above SEVERITY is new since --baseline
  --contents                also read every image's layers (slow): setuid files, shells and tools, keys and
                            credentials, .git, world-writable paths, packages (rules IMG-101 … IMG-114)
  --image NAME              with --contents: analyse only this image (repeatable)
  --vuln-db PATH            with --contents: match packages against an OSV database (directory or all.zip)
  --import-trivy FILE       with --contents: add vulnerabilities from a Trivy JSON report (repeatable)
  --import-grype FILE       with --contents: add vulnerabilities from a Grype JSON report (repeatable)
  --run-trivy, --run-grype  with --contents: run the installed scanner on each image (no database update)

Every scan is stored in the history unless --no-history is given. Active waivers from the history
database mark findings as waived: they are still listed, but no longer count for --fail-on.

Fleet scan: give --host or --context more than once, or --fleet for the saved endpoints (drydock
endpoints), and every endpoint is scanned in parallel with progress per endpoint on stderr. Each reachable
endpoint's scan is stored under its own address; the output (text, json, html or pdf) shows posture per
endpoint side by side, what changed since each one's last scan, and the worst findings of the fleet.
An endpoint that cannot be reached is marked unreachable and the others complete; the exit code is then 3.
  --fleet                   scan every saved endpoint
  --endpoints-file FILE     another saved endpoint list (default: $XDG_CONFIG_HOME/drydock/endpoints.json)

)") + kEndpointHelp + "\n" + kExitCodes;
}

std::string reportHelp()
{
    return std::string(R"(Usage: drydock report SCAN_ID [--db FILE] --format F --output FILE [--format F --output FILE]…
                      [--baseline previous|SCAN_ID] [--no-waived] [--no-remediation]
       drydock report --fleet [--since 90d] [--db FILE] --format F --output FILE …

Writes a report of a stored scan (see drydock history list) without asking the daemon anything.
  --format F         html (self-contained), pdf (paginated, fonts embedded), json, sarif (2.1.0), csv, text
  --baseline B       include what changed since scan B ("previous": the scan before it on the same endpoint)
  --no-waived        leave waived findings out
  --no-remediation   leave remediated commands, compose and Dockerfile snippets out
  --fleet            the fleet view instead: the latest scan of every endpoint scanned within --since
                     (default 90d) side by side, and the worst open findings across them (text, json, html, pdf)

)") + kExitCodes;
}

std::string historyHelp()
{
    return std::string(R"(Usage: drydock history COMMAND [--db FILE] [--format text|json]

  list [--endpoint URI] [--limit N]      stored scans, newest first
  show SCAN_ID                           one scan with its findings
  diff BASELINE_ID LATER_ID              new, resolved and unchanged findings between two scans
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
  reset                                  after a damaged-database message: move the file aside, start afresh

)") + kExitCodes;
}

} // namespace drydock::app
