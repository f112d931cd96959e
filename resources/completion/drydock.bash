# bash completion for drydock                                   -*- shell-script -*-
# Installed as share/bash-completion/completions/drydock. Keep it true to `drydock COMMAND --help`:
# tests/support/check-cli-docs.sh fails when an option of the help texts is missing here.

_drydock()
{
    local cur prev words cword
    # '=' and ':' stay inside words: --rule-severity ID=SEV, unix:///path.
    _init_completion -n =: || return

    local formats_report="text json html pdf sarif csv"
    local severities="critical high medium low info"
    local areas="image container runtime network secrets daemon swarm host"
    local endpoint_opts="--host --context"
    local vuln_opts="--vuln-db --import-trivy --import-grype --run-trivy --run-grype"

    # The command is the first word that is not an option or an option's value.
    local command="" sub="" subsub="" i w
    for ((i = 1; i < cword; i++)); do
        w=${words[i]}
        case $w in
        --host | --context | --db | --format | --output | --fail-on | --rule-severity | --only | --baseline | \
            --fail-on-new | --endpoint | --limit | --since | --object | --older-than | --rule | --pattern | \
            --reason | --author | --expires | --choose | --watch | --image | --packages | --sbom | --vuln-db | \
            --import-trivy | --import-grype | --endpoints-file | --tlscacert | --tlscert | --tlskey | --schema | --detail | \
            --file | -f | --exclude | --cis | --scan | --threshold)
            ((i++))
            continue
            ;;
        -*) continue ;;
        esac
        if [[ -z $command ]]; then
            command=$w
        elif [[ -z $sub ]]; then
            sub=$w
        elif [[ -z $subsub ]]; then
            subsub=$w
        fi
    done

    # Values of options.
    case $prev in
    --host)
        COMPREPLY=($(compgen -W "unix:///var/run/docker.sock unix:// tcp://" -- "$cur"))
        compopt -o nospace 2>/dev/null
        declare -F __ltrim_colon_completions >/dev/null && __ltrim_colon_completions "$cur"
        return
        ;;
    --context)
        local contexts
        contexts=$(docker context ls --format '{{.Name}}' 2>/dev/null)
        COMPREPLY=($(compgen -W "$contexts" -- "$cur"))
        return
        ;;
    --image | --packages | --sbom)
        local images
        images=$(docker image ls --format '{{.Repository}}:{{.Tag}}' 2>/dev/null | grep -v '<none>')
        COMPREPLY=($(compgen -W "$images" -- "$cur"))
        declare -F __ltrim_colon_completions >/dev/null && __ltrim_colon_completions "$cur"
        return
        ;;
    --vuln-db | --import-trivy | --import-grype | --endpoints-file | --tlscacert | --tlscert | --tlskey)
        _filedir
        return
        ;;
    --choose | --watch)
        return
        ;;
    --format)
        if [[ $command == harden ]]; then
            COMPREPLY=($(compgen -W "text json script markdown" -- "$cur"))
        elif [[ $command == inventory || $command == history || $command == benchmark ]]; then
            COMPREPLY=($(compgen -W "text json" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$formats_report" -- "$cur"))
        fi
        return
        ;;
    --output | --db | --file | -f)
        _filedir
        return
        ;;
    --fail-on | --fail-on-new | --threshold)
        COMPREPLY=($(compgen -W "$severities" -- "$cur"))
        return
        ;;
    --schema)
        # The scan JSON's schemaVersion: 2 (default), 1 (deprecated).
        COMPREPLY=($(compgen -W "2 1" -- "$cur"))
        return
        ;;
    --cis)
        # The CIS Docker Benchmark version of the references shown (default 1.8.0).
        COMPREPLY=($(compgen -W "1.6.0 1.7.0 1.8.0" -- "$cur"))
        return
        ;;
    --scan)
        return
        ;;
    --detail)
        # How much HTML and PDF reports show.
        COMPREPLY=($(compgen -W "summary objects full" -- "$cur"))
        return
        ;;
    --only)
        # A comma-separated list: complete the part after the last comma.
        local done_part="" last=$cur
        if [[ $cur == *,* ]]; then
            done_part=${cur%,*},
            last=${cur##*,}
        fi
        COMPREPLY=($(compgen -P "$done_part" -W "$areas" -- "$last"))
        compopt -o nospace 2>/dev/null
        return
        ;;
    --baseline)
        if [[ $command == report ]]; then
            COMPREPLY=($(compgen -W "previous" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "last" -- "$cur"))
        fi
        return
        ;;
    --rule-severity)
        # ID=SEVERITY: after the '=' offer severities.
        if [[ $cur == *=* ]]; then
            COMPREPLY=($(compgen -P "${cur%%=*}=" -W "$severities" -- "${cur#*=}"))
        fi
        return
        ;;
    --since | --older-than)
        COMPREPLY=($(compgen -W "7d 30d 90d 180d 365d" -- "$cur"))
        return
        ;;
    --expires)
        COMPREPLY=($(compgen -W "30d 90d 180d" -- "$cur"))
        return
        ;;
    --endpoint | --limit | --object | --rule | --pattern | --reason | --author)
        return
        ;;
    esac

    case $command in
    "")
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "$endpoint_opts --db --background --version --help -h" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "inventory scan check history report benchmark harden demo endpoints watch help version" -- "$cur"))
        fi
        ;;
    inventory)
        COMPREPLY=($(compgen -W "$endpoint_opts --format --output --packages --sbom $vuln_opts --help -h" -- "$cur"))
        ;;
    scan)
        COMPREPLY=($(compgen -W "$endpoint_opts --format --output --fail-on --rule-severity --only --verbose
            --no-host-checks --host-fix-script
            --list-rules --db --no-history --baseline --fail-on-new --contents --image $vuln_opts --fleet --endpoints-file --schema --detail --cis --help -h" -- "$cur"))
        ;;
    benchmark)
        COMPREPLY=($(compgen -W "$endpoint_opts --cis --format --output --db --scan --help -h" -- "$cur"))
        ;;
    harden)
        if [[ -z $sub && $cur != -* ]]; then
            local containers
            containers=$(docker ps -a --format '{{.Names}}' 2>/dev/null)
            COMPREPLY=($(compgen -W "$containers" -- "$cur"))
            return
        fi
        COMPREPLY=($(compgen -W "$endpoint_opts --only --choose --format --output --probe --trial --apply --yes --watch
            --remove-backup --force --undo-limits --db --no-history --help -h" -- "$cur"))
        ;;
    demo)
        COMPREPLY=($(compgen -W "--no-gui --help -h" -- "$cur"))
        ;;
    watch)
        COMPREPLY=($(compgen -W "$endpoint_opts --threshold --fail-on --db --help -h" -- "$cur"))
        ;;
    check)
        if [[ $cur != -* ]]; then
            _filedir
            return
        fi
        COMPREPLY=($(compgen -W "--file -f --exclude --no-gitignore --format --output --fail-on --diff --fix
            --verbose --detail --cis --help -h" -- "$cur"))
        ;;
    endpoints)
        if [[ -z $sub && $cur != -* ]]; then
            COMPREPLY=($(compgen -W "list add remove import-contexts" -- "$cur"))
            return
        fi
        local eopts="--endpoints-file --help -h"
        [[ $sub == add ]] && eopts+=" --host --context --tlscacert --tlscert --tlskey --tls-no-verify"
        COMPREPLY=($(compgen -W "$eopts" -- "$cur"))
        ;;
    report)
        COMPREPLY=($(compgen -W "--db --format --output --baseline --no-waived --no-remediation --verbose
            --schema --detail --cis --fleet --since --help -h" -- "$cur"))
        ;;
    history)
        if [[ -z $sub ]]; then
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--db --format --help -h" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "list show diff trend prune waivers actions alerts reset" -- "$cur"))
            fi
            return
        fi
        local opts="--db --format --help -h"
        case $sub in
        list) opts+=" --endpoint --limit" ;;
        show | diff) opts+=" --cis" ;;
        trend) opts+=" --since --endpoint --object --fleet" ;;
        prune) opts+=" --older-than" ;;
        actions) opts+=" --object" ;;
        alerts) opts+=" --since --endpoint" ;;
        waivers)
            if [[ -z $subsub ]]; then
                [[ $cur != -* ]] && opts="list add remove export import"
            elif [[ $subsub == add ]]; then
                opts+=" --rule --object --pattern --reason --expires --author --endpoint"
            elif [[ $subsub == export || $subsub == import ]]; then
                [[ $cur != -* ]] && { _filedir json; return; }
            fi
            ;;
        esac
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        ;;
    esac
} &&
    complete -F _drydock drydock
